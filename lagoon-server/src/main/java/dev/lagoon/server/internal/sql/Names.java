package dev.lagoon.server.internal.sql;

import dev.lagoon.server.internal.ApiException;
import dev.lagoon.server.internal.ErrorCode;

import java.util.regex.Pattern;

/** Validation of database, table and column names: {@code [A-Za-z_][A-Za-z0-9_]{0,62}}. */
public final class Names {

    private static final Pattern VALID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private Names() {
    }

    /**
     * @param name a candidate name
     * @return whether it is a valid name
     */
    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /**
     * @param what what the name is for, e.g. {@code "database"}, used in the message
     * @param name the candidate
     * @return the name, when valid
     * @throws ApiException 400 {@code INVALID_NAME} otherwise
     */
    public static String require(String what, String name) {
        if (!isValid(name)) {
            String why = name == null || name.isEmpty() ? "is missing" : "is not a valid name";
            throw new ApiException(ErrorCode.INVALID_NAME, what + " name " + ApiException.echo(name) + " " + why
                    + ": names start with a letter or '_', continue with letters, digits or '_',"
                    + " and are at most 63 characters long");
        }
        return name;
    }
}
