package dev.lagoon.server.internal.sql;

import dev.lagoon.server.internal.ApiException;
import dev.lagoon.server.internal.ErrorCode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Looks up databases, tables and columns in the backend's catalog. Names a client sends are
 * matched exactly first, then case-insensitively when that gives exactly one candidate (raw SQL
 * on H2 creates upper-case names from unquoted ones). Nothing is cached: the catalog is read
 * on every request, so tables changed through {@code /query} are seen at once.
 */
public final class Catalog {

    private final Dialect dialect;

    /** @param dialect the backend */
    public Catalog(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * @param c a backend connection
     * @return the PhantomDB databases, sorted, without the backend's own schemas
     * @throws SQLException from the driver
     */
    public List<String> databases(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(dialect.listDatabasesSql());
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (!dialect.isSystemDatabase(name)) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    /**
     * @param name a database name from a client
     * @throws ApiException 400 {@code INVALID_NAME} or {@code RESERVED_NAME}
     */
    public void checkDatabaseName(String name) {
        Names.require("database", name);
        if (dialect.isSystemDatabase(name)) {
            throw new ApiException(ErrorCode.RESERVED_NAME, "database name " + ApiException.echo(name)
                    + " is reserved by the " + dialect.displayName() + " backend");
        }
    }

    /**
     * @param c         a backend connection
     * @param requested a validated database name
     * @return the database as stored in the backend, if it exists
     * @throws SQLException from the driver
     */
    public Optional<String> findDatabase(Connection c, String requested) throws SQLException {
        return match(databases(c), requested);
    }

    /**
     * @param c         a backend connection
     * @param requested a database name from a client
     * @return the database as stored
     * @throws ApiException 400 for a bad name, 404 {@code DATABASE_NOT_FOUND} when missing
     * @throws SQLException from the driver
     */
    public String requireDatabase(Connection c, String requested) throws SQLException {
        checkDatabaseName(requested);
        return findDatabase(c, requested).orElseThrow(() -> new ApiException(ErrorCode.DATABASE_NOT_FOUND,
                "database " + ApiException.echo(requested) + " does not exist"));
    }

    /**
     * @param c        a backend connection
     * @param database the database as stored
     * @return its tables, sorted
     * @throws SQLException from the driver
     */
    public List<String> tables(Connection c, String database) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(dialect.listTablesSql())) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * Finds a table with its columns. The common case (both names spelled as stored) costs one
     * catalog query.
     *
     * @param c         a backend connection
     * @param database  a database name from a client
     * @param table     a table name from a client
     * @return the table
     * @throws ApiException 400 for bad names, 404 {@code DATABASE_NOT_FOUND} or {@code TABLE_NOT_FOUND}
     * @throws SQLException from the driver
     */
    public TableInfo requireTable(Connection c, String database, String table) throws SQLException {
        checkDatabaseName(database);
        Names.require("table", table);
        List<TableInfo.Column> columns = columns(c, database, table);
        if (!columns.isEmpty()) {
            return new TableInfo(database, table, columns);
        }
        String storedDatabase = requireDatabase(c, database);
        String storedTable = match(tables(c, storedDatabase), table).orElseThrow(() -> new ApiException(
                ErrorCode.TABLE_NOT_FOUND, "table " + ApiException.echo(table) + " does not exist in database "
                + ApiException.echo(storedDatabase)));
        return new TableInfo(storedDatabase, storedTable, columns(c, storedDatabase, storedTable));
    }

    private List<TableInfo.Column> columns(Connection c, String database, String table) throws SQLException {
        List<TableInfo.Column> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(dialect.columnsSql())) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(2);
                    out.add(new TableInfo.Column(rs.getString(1), type, ValueKind.classify(type)));
                }
            }
        }
        return out;
    }

    private static Optional<String> match(List<String> candidates, String requested) {
        String loose = null;
        int looseCount = 0;
        for (String candidate : candidates) {
            if (candidate.equals(requested)) {
                return Optional.of(candidate);
            }
            if (candidate.equalsIgnoreCase(requested)) {
                loose = candidate;
                looseCount++;
            }
        }
        return looseCount == 1 ? Optional.of(loose) : Optional.empty();
    }
}
