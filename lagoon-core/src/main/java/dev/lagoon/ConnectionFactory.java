package dev.lagoon;

/**
 * Creates, checks, resets and destroys the connections a {@link Pool} holds.
 *
 * <p>This is the only code a user must write to pool a new kind of connection. The pool
 * guarantees, for every method:
 * <ul>
 *   <li>it is never called for a connection that is leased to a borrower, except
 *       {@link #reset} which the releasing thread calls while returning it;</li>
 *   <li>it is never called twice concurrently for the same connection;</li>
 *   <li>no pool lock is held while it runs, so it may block.</li>
 * </ul>
 *
 * <p>Implementations must be thread-safe: different connections are created, validated and
 * closed concurrently on different threads.
 *
 * @param <C> the connection type
 */
public interface ConnectionFactory<C> {

    /**
     * Opens a new connection.
     *
     * <p>Called on one of the pool's creator threads (never on a borrower's thread), at most
     * {@link PoolConfig#maxConcurrentCreates()} at a time. It may block; a borrower waiting for
     * the result still times out at its own deadline. If it throws, the pool logs the failure
     * at ERROR, reports it to the {@link PoolListener}, keeps it as the cause of the next
     * {@link AcquireTimeoutException}, and retries with exponential back-off while connections
     * are still wanted. When the pool is closed the creator thread is interrupted.
     *
     * @return a new, open connection; never {@code null}
     * @throws Exception when the connection cannot be opened
     */
    C create() throws Exception;

    /**
     * Tells whether an idle connection is still usable.
     *
     * <p>Called before a connection is handed out (when {@link PoolConfig#validateOnAcquire()}
     * is set and the connection has not been used within
     * {@link PoolConfig#validationBypassWindow()}) and on return when
     * {@link PoolConfig#validateOnRelease()} is set. It runs on a pool helper thread while the
     * borrower waits at most {@link PoolConfig#validationTimeout()} for the answer; a validation
     * that returns {@code false}, throws, or outlives that timeout makes the pool destroy the
     * connection (with {@link #close}) and give the borrower another one.
     *
     * @param connection an open connection that no borrower holds
     * @return {@code true} if it may be handed out; the default is always {@code true}
     * @throws Exception treated exactly like {@code false}
     */
    default boolean validate(C connection) throws Exception {
        return true;
    }

    /**
     * Restores a returned connection to the state a new borrower expects.
     *
     * <p>Called on the thread that closes the {@link Lease}, before the connection becomes
     * available again. If it throws, the connection is destroyed instead of reused; the
     * borrower's {@code close()} does not throw. The default does nothing.
     *
     * @param connection the connection being returned
     * @throws Exception when the connection cannot be reset
     */
    default void reset(C connection) throws Exception {
    }

    /**
     * Closes a connection for good.
     *
     * <p>Called exactly once per connection that {@link #create} returned, on whichever pool
     * or borrower thread retires it (idle reaping, lifetime, a failed validation, an
     * invalidated lease, or {@link Pool#close()}). If it throws, the failure is logged at WARN
     * and the connection is forgotten all the same.
     *
     * @param connection the connection to close
     * @throws Exception when closing fails
     */
    void close(C connection) throws Exception;
}
