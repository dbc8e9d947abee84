package dev.lagoon;

import java.time.Duration;

/**
 * No connection became available before the borrower's deadline. When the pool could not
 * create connections, the cause is the last creation failure.
 */
public class AcquireTimeoutException extends PoolException {
    private static final long serialVersionUID = 1L;
    private final Duration timeout;

    /**
     * @param poolName the pool's name
     * @param timeout  the timeout that expired
     * @param cause    the last creation failure, or {@code null}
     */
    public AcquireTimeoutException(String poolName, Duration timeout, Throwable cause) {
        super("Timeout acquiring connection from pool '" + poolName + "' after " + timeout.toMillis() + " ms"
                + (cause == null ? "" : "; last connection failure: " + cause), cause);
        this.timeout = timeout;
    }

    /** @return the timeout that expired */
    public Duration timeout() {
        return timeout;
    }
}
