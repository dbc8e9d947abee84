package dev.lagoon;

/**
 * The wait queue is full ({@link PoolConfig#maxWaitQueueSize()} borrowers already wait), so the
 * borrower is turned away at once instead of queueing.
 */
public class PoolExhaustedException extends PoolException {
    private static final long serialVersionUID = 1L;

    /**
     * @param poolName the pool's name
     * @param active   connections leased at the time
     * @param max      the pool's maximum size
     * @param waiters  borrowers already waiting
     */
    public PoolExhaustedException(String poolName, int active, int max, int waiters) {
        super("Connection pool '" + poolName + "' is exhausted: " + active + " of max " + max
                + " connections in use and " + waiters + " waiters already queued");
    }
}
