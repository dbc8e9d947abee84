package dev.lagoon.jdbc.internal;

import dev.lagoon.jdbc.SecretMasking;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Objects;

/**
 * Makes sure an exception chain that leaves the pool carries no secret. A chain whose
 * messages are clean is returned as it is; otherwise it is rebuilt with masked messages, the
 * original class names in front of them and the original stack traces.
 */
public final class Scrubbing {

    private static final int MAX_DEPTH = 16;

    private Scrubbing() {
    }

    /**
     * @param failure      the failure
     * @param knownSecrets literal secrets (configured passwords) to look for as well
     * @return {@code failure} itself when no message in its chain holds a secret, else a masked
     *         copy of the chain
     */
    public static Exception scrub(Exception failure, Collection<String> knownSecrets) {
        if (!holdsSecret(failure, knownSecrets)) {
            return failure;
        }
        Throwable copy = copy(failure, knownSecrets, 0);
        return copy instanceof Exception ? (Exception) copy : new Exception(copy.getMessage(), copy.getCause());
    }

    private static boolean holdsSecret(Throwable t, Collection<String> secrets) {
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
            String message = t.getMessage();
            if (!Objects.equals(message, SecretMasking.mask(message, secrets))) {
                return true;
            }
            if (t instanceof SQLException && ((SQLException) t).getNextException() != null
                    && holdsSecret(((SQLException) t).getNextException(), secrets)) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }

    private static Throwable copy(Throwable t, Collection<String> secrets, int depth) {
        String message = t.getClass().getName() + ": " + SecretMasking.mask(t.getMessage(), secrets);
        Throwable copy;
        if (t instanceof SQLException) {
            SQLException sql = (SQLException) t;
            SQLException masked = new SQLException(message, sql.getSQLState(), sql.getErrorCode());
            if (sql.getNextException() != null && depth < MAX_DEPTH) {
                masked.setNextException((SQLException) copy(sql.getNextException(), secrets, depth + 1));
            }
            copy = masked;
        } else {
            copy = new Exception(message);
        }
        copy.setStackTrace(t.getStackTrace());
        if (t.getCause() != null && t.getCause() != t && depth < MAX_DEPTH) {
            copy.initCause(copy(t.getCause(), secrets, depth + 1));
        }
        return copy;
    }
}
