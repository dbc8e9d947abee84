package dev.lagoon.server.internal;

/**
 * The machine-readable {@code code} of every error answer, with the HTTP status it is sent
 * with. Clients may switch on the code; the message is for people.
 */
public enum ErrorCode {
    /** The request is not shaped as the endpoint expects (missing field, wrong JSON type). */
    INVALID_REQUEST(400),
    /** The body is not well-formed JSON. */
    MALFORMED_JSON(400),
    /** A database, table or column name does not match {@code [A-Za-z_][A-Za-z0-9_]{0,62}}. */
    INVALID_NAME(400),
    /** A name the backend keeps for itself (information_schema, pg_catalog, mysql, ...). */
    RESERVED_NAME(400),
    /** A column type outside int/integer, string/text, float/double, boolean/bool, timestamp. */
    INVALID_TYPE(400),
    /** A value that cannot be converted to its column's type. */
    INVALID_VALUE(400),
    /** A condition that does not parse or does not fit the table. */
    INVALID_CONDITION(400),
    /** A column the table does not have. */
    UNKNOWN_COLUMN(400),
    /** Raw SQL the backend refused. */
    SQL_ERROR(400),
    /** More than one statement in one {@code /query} call. */
    MULTIPLE_STATEMENTS(400),
    /** Missing or wrong bearer token. */
    UNAUTHORIZED(401),
    /** No such endpoint. */
    NOT_FOUND(404),
    /** No such database. */
    DATABASE_NOT_FOUND(404),
    /** No such table. */
    TABLE_NOT_FOUND(404),
    /** A transaction id that was never issued (or forgotten long ago). */
    TRANSACTION_NOT_FOUND(404),
    /** A transaction that was rolled back because it stayed idle past its timeout. */
    TRANSACTION_EXPIRED(404),
    /** A transaction that was already committed or rolled back. */
    TRANSACTION_CLOSED(404),
    /** The endpoint exists but not for this HTTP method. */
    METHOD_NOT_ALLOWED(405),
    /** The database already exists. */
    DATABASE_EXISTS(409),
    /** The table already exists. */
    TABLE_EXISTS(409),
    /** A constraint (unique, not null, foreign key, check) refused the change. */
    CONSTRAINT_VIOLATION(409),
    /** A lock timeout, deadlock or serialization failure; retrying may succeed. */
    CONFLICT(409),
    /** Another request is using the same transaction and did not finish in time. */
    TRANSACTION_BUSY(409),
    /** The request body is larger than the configured limit. */
    PAYLOAD_TOO_LARGE(413),
    /** The backend cannot be reached or no pooled connection became free in time. */
    BACKEND_UNAVAILABLE(503),
    /** A statement ran longer than the statement timeout and was cancelled. */
    QUERY_TIMEOUT(503),
    /** Every transaction slot is taken (each open transaction holds a backend connection). */
    TOO_MANY_TRANSACTIONS(503),
    /** The server is shutting down and takes no new requests. */
    SHUTTING_DOWN(503),
    /** A bug or an unexpected backend failure; details are in the server log, never in the answer. */
    INTERNAL_ERROR(500);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    /** @return the HTTP status this error is answered with */
    public int status() {
        return status;
    }
}
