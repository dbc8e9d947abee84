package dev.lagoon.server.internal.sql;

import dev.lagoon.server.internal.ApiException;
import dev.lagoon.server.internal.ErrorCode;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.function.UnaryOperator;

/**
 * Sorts backend errors into answers by SQL state class, the same way on every backend: data
 * exceptions are the client's values (400), constraint violations and lock conflicts are 409,
 * connection failures and timeouts are 503, and anything else the backend refused is a 400
 * with the backend's own message (masked). None of them is a 500.
 */
public final class SqlErrors {

    private SqlErrors() {
    }

    /**
     * @param e                the backend error
     * @param mask             hides secrets in the backend's message
     * @param timeoutSeconds   the statement timeout, for the timeout message
     * @return the answer to give
     */
    public static ApiException translate(SQLException e, UnaryOperator<String> mask, long timeoutSeconds) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = mask.apply(clean(e.getMessage()));
        if (e instanceof SQLTimeoutException || state.equals("57014") || state.equals("70100")
                || e.getErrorCode() == 1969) {
            return new ApiException(ErrorCode.QUERY_TIMEOUT, "the statement was cancelled: it ran longer than the "
                    + timeoutSeconds + " s statement timeout");
        }
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || state.startsWith("08")) {
            return new ApiException(ErrorCode.BACKEND_UNAVAILABLE, "the backend database is unavailable: " + message);
        }
        if (state.startsWith("23")) {
            return new ApiException(ErrorCode.CONSTRAINT_VIOLATION, "a constraint refused the change: " + message);
        }
        if (state.startsWith("22")) {
            return new ApiException(ErrorCode.INVALID_VALUE, "a value does not fit its column: " + message);
        }
        if (state.equals("25P02")) {
            return new ApiException(ErrorCode.CONFLICT, "the transaction failed on an earlier statement;"
                    + " roll it back and start again");
        }
        if (state.startsWith("40") || state.equals("HYT00") || state.equals("55P03") || e.getErrorCode() == 1205) {
            return new ApiException(ErrorCode.CONFLICT, "the change conflicted with another transaction"
                    + " (lock timeout, deadlock or serialization failure); retry it: " + message);
        }
        return new ApiException(ErrorCode.SQL_ERROR, "the backend refused the statement: " + message);
    }

    /**
     * Removes the statement text H2 appends to its messages; the rest of the message stays.
     *
     * @param message a driver message
     * @return the message without the appended SQL
     */
    static String clean(String message) {
        if (message == null) {
            return "(no message)";
        }
        int sql = message.indexOf("; SQL statement:");
        String out = sql >= 0 ? message.substring(0, sql) : message;
        return out.strip();
    }
}
