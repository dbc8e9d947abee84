package dev.lagoon;

/**
 * Receives the pool's lifecycle events. Every method has a no-op default, so a listener
 * implements only what it needs; metrics, tests and logs are all listeners.
 *
 * <p>Methods are called synchronously on the thread where the event happens (a borrower, a
 * creator or the maintenance thread), never while a pool lock is held. They must be fast and
 * must not throw: an exception is logged and otherwise ignored.
 */
public interface PoolListener {

    /** A listener that does nothing. */
    PoolListener NONE = new PoolListener() { };

    /**
     * A connection was created.
     *
     * @param connectionId  its id
     * @param creationNanos how long {@link ConnectionFactory#create()} took
     */
    default void onCreated(long connectionId, long creationNanos) { }

    /**
     * {@link ConnectionFactory#create()} threw.
     *
     * @param failure what it threw
     */
    default void onCreationFailed(Throwable failure) { }

    /**
     * A borrower got a connection.
     *
     * @param connectionId its id
     * @param waitNanos    how long the borrower waited, validation included
     */
    default void onAcquired(long connectionId, long waitNanos) { }

    /**
     * A borrower returned a connection.
     *
     * @param connectionId its id
     * @param heldNanos    how long the lease lasted
     */
    default void onReleased(long connectionId, long heldNanos) { }

    /**
     * The pool closed a connection.
     *
     * @param connectionId its id
     * @param reason       why
     */
    default void onDestroyed(long connectionId, DestroyReason reason) { }

    /**
     * A borrower gave up at its deadline.
     *
     * @param waitNanos how long it waited
     */
    default void onTimeout(long waitNanos) { }

    /**
     * A lease has been held longer than {@link PoolConfig#leakDetectionThreshold()}.
     *
     * @param connectionId the leased connection
     * @param heldNanos    how long it has been held
     * @param acquiredAt   where it was acquired (a stack trace), or {@code null}
     */
    default void onLeakSuspected(long connectionId, long heldNanos, Throwable acquiredAt) { }
}
