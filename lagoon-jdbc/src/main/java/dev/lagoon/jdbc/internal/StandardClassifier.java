package dev.lagoon.jdbc.internal;

import dev.lagoon.jdbc.BrokenConnectionClassifier;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.util.Set;

/** The built-in rules; see {@link BrokenConnectionClassifier#standard()} for the list. */
public final class StandardClassifier implements BrokenConnectionClassifier {

    /** The one instance. */
    public static final StandardClassifier INSTANCE = new StandardClassifier();

    /** SQLStates outside class 08 after which the session is gone. */
    private static final Set<String> FATAL_STATES = Set.of(
            "57P01", // PostgreSQL admin_shutdown: pg_terminate_backend, smart/fast shutdown
            "57P02", // PostgreSQL crash_shutdown
            "57P03", // PostgreSQL cannot_connect_now (starting up, recovering)
            "57P05", // PostgreSQL idle_session_timeout
            "XX000", // internal error (PostgreSQL sends it with FATAL severity for lost sessions)
            "01002", // disconnect error
            "JZ0C0", // jConnect: connection is already closed
            "JZ0C1"); // jConnect: I/O error on the connection

    /** MariaDB / MySQL server and client error codes after which the session is gone. */
    private static final Set<Integer> MYSQL_FAMILY_CODES = Set.of(
            1053, // ER_SERVER_SHUTDOWN
            1152, // ER_ABORTING_CONNECTION
            1184, // ER_NEW_ABORTING_CONNECTION
            1927, // ER_CONNECTION_KILLED (KILL <id>)
            2006, // CR_SERVER_GONE_ERROR
            2013, // CR_SERVER_LOST
            2055, // CR_SERVER_LOST_EXTENDED
            4031); // ER_CLIENT_INTERACTION_TIMEOUT

    private StandardClassifier() {
    }

    @Override
    public Verdict classify(SQLException exception) {
        String state = exception.getSQLState();
        if (state != null && (state.startsWith("08") || FATAL_STATES.contains(state))) {
            return Verdict.BROKEN;
        }
        if (exception instanceof SQLRecoverableException
                || exception instanceof SQLNonTransientConnectionException) {
            return Verdict.BROKEN;
        }
        if (isMysqlFamily(exception) && MYSQL_FAMILY_CODES.contains(exception.getErrorCode())) {
            return Verdict.BROKEN;
        }
        return Verdict.ABSTAIN;
    }

    /**
     * Vendor codes are only meaningful for the driver that defines them. The exception's class
     * tells for drivers with their own exception types; MariaDB Connector/J 3 throws the JDK's
     * types, so the frame that created the exception tells there.
     */
    private static boolean isMysqlFamily(SQLException exception) {
        if (isMysqlFamilyName(exception.getClass().getName())) {
            return true;
        }
        StackTraceElement[] trace = exception.getStackTrace();
        return trace.length > 0 && isMysqlFamilyName(trace[0].getClassName());
    }

    private static boolean isMysqlFamilyName(String className) {
        return className.startsWith("org.mariadb.") || className.startsWith("com.mysql.");
    }

    @Override
    public String toString() {
        return "BrokenConnectionClassifier.standard()";
    }
}
