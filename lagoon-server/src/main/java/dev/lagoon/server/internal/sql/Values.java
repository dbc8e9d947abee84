package dev.lagoon.server.internal.sql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoon.server.internal.ApiException;
import dev.lagoon.server.internal.ErrorCode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;

/**
 * Converts client values to the Java value bound for a column, and binds them. Clients send
 * numbers as strings ({@code {"id": "1"}} for an int column) and booleans as words; both are
 * accepted. A value that cannot be converted is answered with 400 {@code INVALID_VALUE}
 * naming the column.
 *
 * <p>Converted values are {@code null}, {@link Long}, {@link Double}, {@link BigDecimal},
 * {@link String}, {@link Boolean}, {@link LocalDateTime} or {@link LocalDate}.
 */
public final class Values {

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    /** ISO date-time (a space instead of 'T' is normalized first), optional seconds, fraction, offset or Z. */
    private static final DateTimeFormatter TIMESTAMP_INPUT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter(Locale.ROOT);

    private static final Map<String, Boolean> BOOLEAN_WORDS = Map.ofEntries(
            Map.entry("true", true), Map.entry("t", true), Map.entry("yes", true), Map.entry("y", true),
            Map.entry("on", true), Map.entry("1", true),
            Map.entry("false", false), Map.entry("f", false), Map.entry("no", false), Map.entry("n", false),
            Map.entry("off", false), Map.entry("0", false));

    private Values() {
    }

    /**
     * Converts a value from a JSON request body for a column (insert, update).
     *
     * @param column the column
     * @param node   the JSON value; {@code null} or JSON null both mean SQL NULL
     * @return the value to bind
     * @throws ApiException 400 {@code INVALID_VALUE} naming the column when it does not fit
     */
    public static Object fromJson(TableInfo.Column column, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Object raw;
        if (node.isTextual()) {
            raw = node.textValue();
        } else if (node.isBoolean()) {
            raw = node.booleanValue();
        } else if (node.isNumber()) {
            if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
                throw invalid(column, node.toString(), " (not a finite number)");
            }
            raw = node.decimalValue();
        } else {
            throw invalid(column, node.isObject() ? "an object" : node.isArray() ? "an array" : node.toString(),
                    "; nested objects and arrays cannot be stored");
        }
        return convert(column, raw, false);
    }

    /**
     * Converts a literal of a condition for comparison with a column. Unlike {@link #fromJson},
     * a fractional number is allowed against an integer column ({@code id > 2.5}).
     *
     * @param column the column
     * @param raw    a {@link String}, {@link BigDecimal} or {@link Boolean} (never {@code null})
     * @return the value to bind
     * @throws ApiException 400 {@code INVALID_VALUE} when it does not fit the column
     */
    public static Object forComparison(TableInfo.Column column, Object raw) {
        return convert(column, raw, true);
    }

    private static Object convert(TableInfo.Column column, Object raw, boolean comparison) {
        return switch (column.kind()) {
            case INTEGER -> toInteger(column, raw, comparison);
            case FLOAT -> toDouble(column, raw);
            case DECIMAL -> toDecimal(column, raw);
            case STRING -> toText(raw);
            case BOOLEAN -> toBoolean(column, raw);
            case TIMESTAMP -> toTimestamp(column, raw);
            case DATE -> toDate(column, raw);
            case OTHER -> raw instanceof BigDecimal d ? plainNumber(d) : raw;
        };
    }

    private static Object toInteger(TableInfo.Column column, Object raw, boolean comparison) {
        BigDecimal d = toDecimal(column, raw);
        BigDecimal stripped = d.stripTrailingZeros();
        if (stripped.scale() > 0) {
            if (comparison) {
                return d;
            }
            throw invalid(column, describe(raw), " (not a whole number)");
        }
        if (stripped.compareTo(LONG_MIN) < 0 || stripped.compareTo(LONG_MAX) > 0) {
            throw invalid(column, describe(raw), " (out of the 64-bit integer range)");
        }
        return stripped.longValueExact();
    }

    private static Double toDouble(TableInfo.Column column, Object raw) {
        double d = toDecimal(column, raw).doubleValue();
        if (Double.isInfinite(d)) {
            throw invalid(column, describe(raw), " (out of the floating-point range)");
        }
        return d;
    }

    private static BigDecimal toDecimal(TableInfo.Column column, Object raw) {
        if (raw instanceof BigDecimal d) {
            return d;
        }
        if (raw instanceof String s) {
            String t = s.trim();
            if (!t.isEmpty() && t.length() <= 400) {
                try {
                    return new BigDecimal(t.startsWith("+") ? t.substring(1) : t);
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
        }
        throw invalid(column, describe(raw), "");
    }

    private static String toText(Object raw) {
        if (raw instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return raw.toString();
    }

    private static Boolean toBoolean(TableInfo.Column column, Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof BigDecimal d) {
            if (d.compareTo(BigDecimal.ONE) == 0) {
                return true;
            }
            if (d.signum() == 0) {
                return false;
            }
        }
        if (raw instanceof String s) {
            Boolean b = BOOLEAN_WORDS.get(s.trim().toLowerCase(Locale.ROOT));
            if (b != null) {
                return b;
            }
        }
        throw invalid(column, describe(raw), "");
    }

    private static LocalDateTime toTimestamp(TableInfo.Column column, Object raw) {
        if (raw instanceof String s) {
            String t = s.trim();
            if (t.length() > 10 && t.charAt(10) == ' ') {
                t = t.substring(0, 10) + 'T' + t.substring(11);
            }
            try {
                if (t.length() == 10) {
                    return LocalDate.parse(t).atStartOfDay();
                }
                var parsed = TIMESTAMP_INPUT.parseBest(t, OffsetDateTime::from, LocalDateTime::from);
                if (parsed instanceof OffsetDateTime odt) {
                    return odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
                }
                return (LocalDateTime) parsed;
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw invalid(column, describe(raw), "");
    }

    private static LocalDate toDate(TableInfo.Column column, Object raw) {
        if (raw instanceof String s) {
            try {
                return LocalDate.parse(s.trim());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw invalid(column, describe(raw), "");
    }

    private static Object plainNumber(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.compareTo(LONG_MIN) >= 0 && stripped.compareTo(LONG_MAX) <= 0) {
            return stripped.longValueExact();
        }
        return d;
    }

    private static String describe(Object raw) {
        if (raw instanceof String s) {
            return ApiException.echo(s);
        }
        if (raw instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(raw);
    }

    private static ApiException invalid(TableInfo.Column column, String value, String why) {
        return new ApiException(ErrorCode.INVALID_VALUE, "column " + ApiException.echo(column.name())
                + " expects " + column.kind().expected() + ", but got " + value + why,
                Map.of("column", column.name()));
    }

    /**
     * Binds a converted value.
     *
     * @param ps    the statement
     * @param index 1-based parameter index
     * @param kind  the column's kind (decides the SQL type of a NULL)
     * @param value a value returned by {@link #fromJson} or {@link #forComparison}
     * @throws SQLException from the driver
     */
    public static void bind(PreparedStatement ps, int index, ValueKind kind, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, nullType(kind));
        } else if (value instanceof Long l) {
            ps.setLong(index, l);
        } else if (value instanceof Double d) {
            ps.setDouble(index, d);
        } else if (value instanceof BigDecimal d) {
            ps.setBigDecimal(index, d);
        } else if (value instanceof BigInteger i) {
            ps.setBigDecimal(index, new BigDecimal(i));
        } else if (value instanceof String s) {
            ps.setString(index, s);
        } else if (value instanceof Boolean b) {
            ps.setBoolean(index, b);
        } else {
            ps.setObject(index, value);
        }
    }

    private static int nullType(ValueKind kind) {
        return switch (kind) {
            case INTEGER -> Types.BIGINT;
            case FLOAT -> Types.DOUBLE;
            case DECIMAL -> Types.NUMERIC;
            case STRING -> Types.VARCHAR;
            case BOOLEAN -> Types.BOOLEAN;
            case TIMESTAMP -> Types.TIMESTAMP;
            case DATE -> Types.DATE;
            case OTHER -> Types.NULL;
        };
    }
}
