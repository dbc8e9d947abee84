package dev.lagoon.server.internal.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads result values into what the JSON answer holds: numbers, strings, booleans, ISO-8601
 * text for dates and times, base64 for bytes, lists for arrays.
 */
public final class Rows {

    /** Large objects are read up to this many characters or bytes. */
    private static final int MAX_LOB = 16 * 1024 * 1024;

    private Rows() {
    }

    /**
     * @param rs    a result set positioned on a row
     * @param index 1-based column index
     * @param kind  the column's kind, when known ({@link ValueKind#OTHER} otherwise)
     * @return the JSON-ready value, or {@code null}
     * @throws SQLException from the driver
     */
    public static Object read(ResultSet rs, int index, ValueKind kind) throws SQLException {
        Object value = rs.getObject(index);
        if (value == null) {
            return null;
        }
        if (kind == ValueKind.BOOLEAN && value instanceof Number n) {
            return n.intValue() != 0;
        }
        return toJson(value);
    }

    /**
     * @param value a value from {@code getObject}
     * @return the JSON-ready value
     * @throws SQLException when reading a large object fails
     */
    public static Object toJson(Object value) throws SQLException {
        if (value == null || value instanceof Boolean || value instanceof String
                || value instanceof BigDecimal || value instanceof BigInteger) {
            return value;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? (Object) d : String.valueOf(d);
        }
        if (value instanceof Timestamp ts) {
            return ts.toLocalDateTime().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        }
        if (value instanceof LocalDateTime ldt) {
            return ldt.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof LocalDate || value instanceof LocalTime || value instanceof OffsetTime) {
            return value.toString();
        }
        if (value instanceof Time time) {
            return time.toLocalTime().toString();
        }
        if (value instanceof Clob clob) {
            return readClob(clob);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Blob blob) {
            return Base64.getEncoder().encodeToString(readBlob(blob));
        }
        if (value instanceof Array array) {
            Object elements = array.getArray();
            List<Object> out = new ArrayList<>();
            if (elements instanceof Object[] objects) {
                for (Object element : objects) {
                    out.add(toJson(element));
                }
            }
            return out;
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        return value.toString();
    }

    private static String readClob(Clob clob) throws SQLException {
        try (Reader reader = clob.getCharacterStream()) {
            StringBuilder out = new StringBuilder();
            char[] buffer = new char[8192];
            int n;
            while ((n = reader.read(buffer)) > 0 && out.length() < MAX_LOB) {
                out.append(buffer, 0, n);
            }
            return out.toString();
        } catch (IOException e) {
            throw new SQLException("could not read a text value: " + e.getMessage(), e);
        }
    }

    private static byte[] readBlob(Blob blob) throws SQLException {
        try (InputStream in = blob.getBinaryStream()) {
            return in.readNBytes(MAX_LOB);
        } catch (IOException e) {
            throw new SQLException("could not read a binary value: " + e.getMessage(), e);
        }
    }
}
