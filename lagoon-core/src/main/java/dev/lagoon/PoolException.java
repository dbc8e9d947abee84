package dev.lagoon;

/** The root of every exception a {@link Pool} throws. Unchecked. */
public class PoolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong
     * @param cause   the underlying failure, or {@code null}
     */
    public PoolException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message what went wrong */
    public PoolException(String message) {
        super(message);
    }
}
