package dev.lagoon.phantomdb;

import java.util.List;
import java.util.Map;

/**
 * The answer to {@link PhantomDB#executeQuery(String, String)}.
 *
 * <p>Values in {@code records} are {@link String}, {@link Long} (every JSON integer that fits,
 * {@link java.math.BigInteger} otherwise), {@link Double}, {@link Boolean}, {@code null}, or
 * nested {@link List}s and {@link Map}s. Every map keeps the server's column order.
 *
 * @param columns      the result's column names, in order (empty for a statement without rows)
 * @param records      the rows, one map per row from column name to value
 * @param rowCount     the server's {@code row_count}
 * @param affectedRows the server's {@code affected_rows}
 */
public record QueryResult(List<String> columns, List<Map<String, Object>> records, long rowCount,
                          long affectedRows) {

    /** Copies the lists so the result is immutable. */
    public QueryResult {
        columns = List.copyOf(columns);
        records = List.copyOf(records);
    }
}
