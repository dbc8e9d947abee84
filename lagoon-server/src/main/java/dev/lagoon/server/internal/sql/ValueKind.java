package dev.lagoon.server.internal.sql;

import java.util.Locale;

/**
 * How the server converts JSON values for a backend column and reads them back. Tables made
 * through the API only use the first five; tables made with raw SQL may have any backend type,
 * which {@link #classify(String)} sorts into these kinds.
 */
public enum ValueKind {
    /** Whole numbers, bound as {@code long}. */
    INTEGER("an integer"),
    /** Floating-point numbers, bound as {@code double}. */
    FLOAT("a number"),
    /** Text. */
    STRING("a string"),
    /** true/false. */
    BOOLEAN("a boolean (true or false)"),
    /** Date and time without zone, ISO-8601 in JSON. */
    TIMESTAMP("an ISO-8601 timestamp such as 2024-05-01T12:30:00"),
    /** Exact decimals ({@code NUMERIC}/{@code DECIMAL}), bound as {@code BigDecimal}. */
    DECIMAL("a decimal number"),
    /** A date without time, ISO-8601 in JSON. */
    DATE("an ISO-8601 date such as 2024-05-01"),
    /** Anything else: bound as the JSON value's own Java type and left to the backend. */
    OTHER("a value");

    private final String expected;

    ValueKind(String expected) {
        this.expected = expected;
    }

    /** @return what a value of this kind looks like, for error messages */
    public String expected() {
        return expected;
    }

    /**
     * Sorts a backend type name (from the information schema) into a kind.
     *
     * @param sqlType the type as the backend reports it, e.g. {@code BIGINT},
     *                {@code character varying}, {@code tinyint(1)}, {@code timestamp without time zone}
     * @return the kind
     */
    public static ValueKind classify(String sqlType) {
        if (sqlType == null) {
            return OTHER;
        }
        String t = sqlType.trim().toLowerCase(Locale.ROOT);
        if (t.equals("tinyint(1)") || t.equals("bit") || t.equals("bit(1)")) {
            return BOOLEAN;
        }
        String base = t.replaceAll("\\(.*\\)", "").replace(" unsigned", "").replace(" zerofill", "").trim();
        return switch (base) {
            case "boolean", "bool" -> BOOLEAN;
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "int2", "int4", "int8",
                 "serial", "bigserial", "smallserial" -> INTEGER;
            case "real", "float", "float4", "float8", "double", "double precision", "decfloat" -> FLOAT;
            case "decimal", "numeric", "dec" -> DECIMAL;
            case "char", "character", "varchar", "character varying", "varchar_ignorecase", "text", "tinytext",
                 "mediumtext", "longtext", "clob", "character large object", "nchar", "nvarchar",
                 "national character", "national character varying", "bpchar", "name", "citext", "enum" -> STRING;
            case "date" -> DATE;
            default -> base.startsWith("timestamp") || base.startsWith("datetime") ? TIMESTAMP : OTHER;
        };
    }
}
