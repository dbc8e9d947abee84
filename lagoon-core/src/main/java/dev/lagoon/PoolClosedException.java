package dev.lagoon;

/** The pool was closed before or while the borrower asked for a connection. */
public class PoolClosedException extends PoolException {
    private static final long serialVersionUID = 1L;

    /** @param poolName the pool's name */
    public PoolClosedException(String poolName) {
        super("Connection pool is closed ('" + poolName + "')");
    }
}
