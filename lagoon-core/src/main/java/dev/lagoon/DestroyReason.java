package dev.lagoon;

/** Why the pool closed a connection. */
public enum DestroyReason {
    /** {@link ConnectionFactory#validate} returned false or threw. */
    VALIDATION_FAILED,
    /** {@link ConnectionFactory#validate} did not answer within the validation timeout. */
    VALIDATION_TIMEOUT,
    /** {@link ConnectionFactory#reset} threw. */
    RESET_FAILED,
    /** The borrower called {@link Lease#invalidate()}. */
    INVALIDATED,
    /** The connection outlived {@link PoolConfig#maxLifetime()}. */
    MAX_LIFETIME,
    /** The connection reached {@link PoolConfig#maxBorrows()}. */
    MAX_BORROWS,
    /** The connection was idle longer than {@link PoolConfig#idleTimeout()} above the minimum. */
    IDLE_TIMEOUT,
    /** The pool was closed. */
    POOL_CLOSED,
    /** An administrator or a leak policy evicted it. */
    EVICTED
}
