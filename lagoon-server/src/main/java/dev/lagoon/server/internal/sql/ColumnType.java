package dev.lagoon.server.internal.sql;

import dev.lagoon.server.internal.ApiException;
import dev.lagoon.server.internal.ErrorCode;

import java.util.Locale;

/**
 * The column types a PhantomDB client may ask for when it creates a table, each with the
 * spellings the clients use. A missing type means {@link #STRING}, as in the PhantomDB CLI.
 */
public enum ColumnType {
    /** {@code int}, {@code integer}: a 64-bit integer. */
    INT(ValueKind.INTEGER),
    /** {@code string}, {@code text}: text of any length. */
    STRING(ValueKind.STRING),
    /** {@code float}, {@code double}: a double-precision floating-point number. */
    FLOAT(ValueKind.FLOAT),
    /** {@code boolean}, {@code bool}. */
    BOOLEAN(ValueKind.BOOLEAN),
    /** {@code timestamp}: a date and time without time zone (ISO-8601 in JSON). */
    TIMESTAMP(ValueKind.TIMESTAMP);

    private final ValueKind kind;

    ColumnType(ValueKind kind) {
        this.kind = kind;
    }

    /** @return how values of this type are converted and read back */
    public ValueKind kind() {
        return kind;
    }

    /**
     * @param spelling the type as a client wrote it, {@code null} for "not given"
     * @param column   the column's name, for the error message
     * @return the type
     * @throws ApiException 400 {@code INVALID_TYPE} for an unknown spelling
     */
    public static ColumnType parse(String spelling, String column) {
        if (spelling == null) {
            return STRING;
        }
        return switch (spelling.trim().toLowerCase(Locale.ROOT)) {
            case "int", "integer" -> INT;
            case "string", "text" -> STRING;
            case "float", "double" -> FLOAT;
            case "boolean", "bool" -> BOOLEAN;
            case "timestamp" -> TIMESTAMP;
            default -> throw new ApiException(ErrorCode.INVALID_TYPE, "column " + ApiException.echo(column)
                    + " has unknown type " + ApiException.echo(spelling)
                    + "; use int, integer, string, text, float, double, boolean, bool or timestamp");
        };
    }
}
