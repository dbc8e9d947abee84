package dev.lagoon;

/** The factory failed to create a connection where the caller asked to know at once. */
public class ConnectionCreationException extends PoolException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause   the factory's exception
     */
    public ConnectionCreationException(String message, Throwable cause) {
        super(message, cause);
    }
}
