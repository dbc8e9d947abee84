package dev.lagoon.phantomdb;

import dev.lagoon.PoolException;

/**
 * Every failure of a {@link PhantomDB} call or of a {@link PhantomDBPool}. Unchecked.
 *
 * <p>{@link #kind()} tells the failures apart, the way the Rust client's
 * {@code PhantomDBError::ConnectionError} and {@code PhantomDBError::HttpError(status, message)}
 * do:
 * <ul>
 *   <li>{@link Kind#CONNECTION}: the server could not be reached or did not answer in time
 *       (refused, reset, connect timeout, request timeout). {@link #isConnectionError()} is true.</li>
 *   <li>{@link Kind#HTTP}: the server answered with a status outside 2xx.
 *       {@link #statusCode()} is that status, {@link #serverMessage()} and {@link #errorCode()}
 *       are the {@code "error"} and {@code "code"} of the server's JSON error body.</li>
 *   <li>{@link Kind#PROTOCOL}: a 2xx answer that is not the JSON the contract promises.</li>
 *   <li>{@link Kind#POOL_TIMEOUT}, {@link Kind#POOL_CLOSED}, {@link Kind#POOL_EXHAUSTED}: the pool
 *       could not lend a client. The message is the pool engine's, which starts with the seeds'
 *       text ({@code "Timeout acquiring connection from pool ..."}, {@code "Connection pool is
 *       closed ..."}), and the engine's exception ({@link dev.lagoon.AcquireTimeoutException},
 *       {@link dev.lagoon.PoolClosedException}, {@link dev.lagoon.PoolExhaustedException}) is
 *       the {@linkplain #getCause() cause}.</li>
 *   <li>{@link Kind#INTERRUPTED}: the calling thread was interrupted while it waited; its
 *       interrupt flag is set again.</li>
 * </ul>
 *
 * <p>Programming errors are not wrapped: a bad argument throws {@link IllegalArgumentException},
 * a client used after {@link PhantomDB#close()} or {@link PhantomDBPool#release} throws
 * {@link IllegalStateException}.
 */
public class PhantomDBException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure this is. */
    public enum Kind {
        /** The server could not be reached, or did not answer within the timeouts. */
        CONNECTION,
        /** The server answered with a non-2xx status. */
        HTTP,
        /** The server answered 2xx with a body that breaks the contract. */
        PROTOCOL,
        /** No pooled client became available within the acquire timeout. */
        POOL_TIMEOUT,
        /** The pool is closed. */
        POOL_CLOSED,
        /** Too many callers already wait for the pool, so this one was turned away at once. */
        POOL_EXHAUSTED,
        /** The calling thread was interrupted. */
        INTERRUPTED
    }

    private final Kind kind;
    private final int statusCode;
    private final String errorCode;
    private final String serverMessage;

    /**
     * @param kind          what went wrong
     * @param message       the full message
     * @param statusCode    the HTTP status for {@link Kind#HTTP}, otherwise 0
     * @param errorCode     the server's {@code "code"}, or {@code null}
     * @param serverMessage the server's {@code "error"}, or {@code null}
     * @param cause         the underlying failure, or {@code null}
     */
    protected PhantomDBException(Kind kind, String message, int statusCode, String errorCode,
                                 String serverMessage, Throwable cause) {
        super(message, cause);
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        this.kind = kind;
        this.statusCode = statusCode;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
    }

    /**
     * A failure to reach the server.
     *
     * @param message what failed, naming the request and the server
     * @param cause   the I/O failure
     * @return the exception
     */
    public static PhantomDBException connectionError(String message, Throwable cause) {
        return new PhantomDBException(Kind.CONNECTION, message, 0, null, null, cause);
    }

    /**
     * A non-2xx answer.
     *
     * @param statusCode    the HTTP status
     * @param serverMessage the server's {@code "error"} (or the body's text), or {@code null}
     * @param errorCode     the server's {@code "code"}, or {@code null}
     * @param message       the full message
     * @return the exception
     */
    public static PhantomDBException httpError(int statusCode, String serverMessage, String errorCode,
                                               String message) {
        return new PhantomDBException(Kind.HTTP, message, statusCode, errorCode, serverMessage, null);
    }

    /**
     * A 2xx answer that breaks the contract.
     *
     * @param message what was wrong with it
     * @param cause   the parse failure, or {@code null}
     * @return the exception
     */
    public static PhantomDBException protocolError(String message, Throwable cause) {
        return new PhantomDBException(Kind.PROTOCOL, message, 0, null, null, cause);
    }

    /**
     * An interrupted wait. The caller restores the thread's interrupt flag.
     *
     * @param message what was interrupted
     * @param cause   the interruption, or {@code null}
     * @return the exception
     */
    public static PhantomDBException interrupted(String message, Throwable cause) {
        return new PhantomDBException(Kind.INTERRUPTED, message, 0, null, null, cause);
    }

    /**
     * A pool failure, carrying the pool engine's message and exception.
     *
     * @param kind  one of the {@code POOL_*} kinds, or {@link Kind#INTERRUPTED}
     * @param cause the engine's exception
     * @return the exception
     */
    public static PhantomDBException poolError(Kind kind, PoolException cause) {
        return new PhantomDBException(kind, cause.getMessage(), 0, null, null, cause);
    }

    /** @return what kind of failure this is */
    public Kind kind() {
        return kind;
    }

    /** @return whether the server could not be reached or did not answer in time */
    public boolean isConnectionError() {
        return kind == Kind.CONNECTION;
    }

    /** @return whether the server answered with a non-2xx status */
    public boolean isHttpError() {
        return kind == Kind.HTTP;
    }

    /** @return the HTTP status of an {@link Kind#HTTP} error; 0 for every other kind */
    public int statusCode() {
        return statusCode;
    }

    /** @return the server's machine-readable {@code "code"} (such as {@code NOT_FOUND}), or {@code null} */
    public String errorCode() {
        return errorCode;
    }

    /** @return the server's human-readable {@code "error"} message, or {@code null} */
    public String serverMessage() {
        return serverMessage;
    }
}
