package dev.lagoon.server.internal.sql;

import java.util.List;
import java.util.Optional;

/**
 * A table as the backend describes it right now.
 *
 * @param database the database (schema) it lives in, spelled as the backend stores it
 * @param name     the table name, spelled as the backend stores it
 * @param columns  its columns in declaration order
 */
public record TableInfo(String database, String name, List<Column> columns) {

    /** Compact constructor: copies the column list. */
    public TableInfo {
        columns = List.copyOf(columns);
    }

    /**
     * A column as the backend describes it.
     *
     * @param name    the column name as stored
     * @param sqlType the backend's type name
     * @param kind    how values are converted for it
     */
    public record Column(String name, String sqlType, ValueKind kind) {
    }

    /**
     * Finds a column by the name a client used: the exact spelling wins; otherwise a single
     * column that differs only in letter case (tables made with unquoted raw SQL on H2 have
     * upper-case names).
     *
     * @param requested the name as the client wrote it
     * @return the column, or empty when there is none (or the case-insensitive match is ambiguous)
     */
    public Optional<Column> column(String requested) {
        Column loose = null;
        int looseCount = 0;
        for (Column c : columns) {
            if (c.name().equals(requested)) {
                return Optional.of(c);
            }
            if (c.name().equalsIgnoreCase(requested)) {
                loose = c;
                looseCount++;
            }
        }
        return looseCount == 1 ? Optional.of(loose) : Optional.empty();
    }
}
