package dev.lagoon.server.internal.sql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoon.server.internal.ApiException;
import dev.lagoon.server.internal.ErrorCode;
import dev.lagoon.server.internal.condition.Condition;
import dev.lagoon.server.internal.condition.ConditionException;
import dev.lagoon.server.internal.condition.ConditionParser;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The PhantomDB operations over one backend connection. Every statement built here is a
 * {@link PreparedStatement} whose text holds only quoted, validated identifiers and
 * placeholders; client values are always bound. The only unparameterized SQL is the raw text a
 * client sends to {@link #query}, which is its purpose.
 *
 * <p>Stateless and thread-safe; the connection passed in is used by one caller at a time.
 */
public final class DataService {

    private final Dialect dialect;
    private final Catalog catalog;
    private final int timeoutSeconds;
    private final int maxQueryRows;

    /**
     * @param dialect          the backend
     * @param statementTimeout how long one statement may run before it is cancelled
     * @param maxQueryRows     how many rows {@code /query} returns at most
     */
    public DataService(Dialect dialect, Duration statementTimeout, int maxQueryRows) {
        this.dialect = dialect;
        this.catalog = new Catalog(dialect);
        this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (statementTimeout.toMillis() + 999) / 1000));
        this.maxQueryRows = maxQueryRows;
    }

    /** @return the backend dialect */
    public Dialect dialect() {
        return dialect;
    }

    /** @return the statement timeout in whole seconds */
    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    /**
     * Parses a condition without touching the backend, so a malformed one is refused first.
     *
     * @param text the condition text
     * @return the parsed condition
     * @throws ApiException 400 {@code INVALID_CONDITION} with the position
     */
    public static Condition parseCondition(String text) {
        try {
            return ConditionParser.parse(text);
        } catch (ConditionException e) {
            throw conditionError(e);
        }
    }

    private static ApiException conditionError(ConditionException e) {
        ErrorCode code = e.reason() == ConditionException.Reason.UNKNOWN_COLUMN
                ? ErrorCode.UNKNOWN_COLUMN : ErrorCode.INVALID_CONDITION;
        return new ApiException(code, e.getMessage(), Map.of("position", e.position()));
    }

    /**
     * @param c a connection
     * @return the database names
     * @throws SQLException from the driver
     */
    public List<String> listDatabases(Connection c) throws SQLException {
        return catalog.databases(c);
    }

    /**
     * @param c    a connection
     * @param name the database to create
     * @throws ApiException 400 for a bad or reserved name, 409 when it exists
     * @throws SQLException from the driver
     */
    public void createDatabase(Connection c, String name) throws SQLException {
        catalog.checkDatabaseName(name);
        if (catalog.databases(c).contains(name)) {
            throw databaseExists(name);
        }
        try {
            execute(c, dialect.createDatabaseSql(name));
        } catch (SQLException e) {
            if (catalog.databases(c).contains(name)) {
                throw databaseExists(name);
            }
            throw e;
        }
    }

    private static ApiException databaseExists(String name) {
        return new ApiException(ErrorCode.DATABASE_EXISTS, "database " + ApiException.echo(name) + " already exists");
    }

    /**
     * @param c    a connection
     * @param name the database to drop with all its tables
     * @return the name as stored
     * @throws ApiException 400 for a bad name, 404 when missing
     * @throws SQLException from the driver
     */
    public String dropDatabase(Connection c, String name) throws SQLException {
        String stored = catalog.requireDatabase(c, name);
        execute(c, dialect.dropDatabaseSql(stored));
        return stored;
    }

    /**
     * @param c        a connection
     * @param database the database
     * @return its tables
     * @throws SQLException from the driver
     */
    public List<String> listTables(Connection c, String database) throws SQLException {
        return catalog.tables(c, catalog.requireDatabase(c, database));
    }

    /**
     * A column to create.
     *
     * @param name the column name (validated)
     * @param type its type
     */
    public record ColumnSpec(String name, ColumnType type) {
    }

    /**
     * @param c        a connection
     * @param database the database
     * @param table    the table to create
     * @param columns  its columns, at least one, names unique regardless of case
     * @throws ApiException 400 for bad input, 404 for a missing database, 409 when the table exists
     * @throws SQLException from the driver
     */
    public void createTable(Connection c, String database, String table, List<ColumnSpec> columns)
            throws SQLException {
        Names.require("table", table);
        String storedDatabase = catalog.requireDatabase(c, database);
        if (columns.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "a table needs at least one column");
        }
        Set<String> seen = new HashSet<>();
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(dialect.qualified(storedDatabase, table))
                .append(" (");
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec column = columns.get(i);
            Names.require("column", column.name());
            if (!seen.add(column.name().toLowerCase(Locale.ROOT))) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "column " + ApiException.echo(column.name())
                        + " is listed twice (column names are compared without regard to case)");
            }
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(column.name())).append(' ')
                    .append(dialect.sqlType(column.type()));
        }
        sql.append(')');
        if (catalog.tables(c, storedDatabase).contains(table)) {
            throw tableExists(table, storedDatabase);
        }
        try {
            execute(c, sql.toString());
        } catch (SQLException e) {
            if (catalog.tables(c, storedDatabase).contains(table)) {
                throw tableExists(table, storedDatabase);
            }
            throw e;
        }
    }

    private static ApiException tableExists(String table, String database) {
        return new ApiException(ErrorCode.TABLE_EXISTS, "table " + ApiException.echo(table)
                + " already exists in database " + ApiException.echo(database));
    }

    /**
     * @param c        a connection
     * @param database the database
     * @param table    the table to drop
     * @return the table as it was stored
     * @throws SQLException from the driver
     */
    public TableInfo dropTable(Connection c, String database, String table) throws SQLException {
        TableInfo info = catalog.requireTable(c, database, table);
        execute(c, "DROP TABLE " + dialect.qualified(info.database(), info.name()));
        return info;
    }

    /**
     * @param c        a connection
     * @param database the database
     * @param table    the table
     * @param row      column name to JSON value; at least one column
     * @return the number of rows inserted (1)
     * @throws SQLException from the driver
     */
    public int insert(Connection c, String database, String table, Map<String, JsonNode> row) throws SQLException {
        TableInfo info = catalog.requireTable(c, database, table);
        if (row.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the row to insert has no columns");
        }
        List<Assignment> values = assignments(info, row);
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(dialect.qualified(info.database(), info.name()))
                .append(" (");
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(values.get(i).column().name()));
            marks.append(i == 0 ? "?" : ", ?");
        }
        sql.append(") VALUES (").append(marks).append(')');
        try (PreparedStatement ps = prepare(c, sql.toString())) {
            int index = 1;
            for (Assignment a : values) {
                Values.bind(ps, index++, a.column().kind(), a.value());
            }
            return ps.executeUpdate();
        }
    }

    /**
     * @param c         a connection
     * @param database  the database
     * @param table     the table
     * @param condition a condition, or {@code null} for every row
     * @return the matching rows, each a map from column name (as stored) to value, in column order
     * @throws SQLException from the driver
     */
    public List<Map<String, Object>> select(Connection c, String database, String table, String condition)
            throws SQLException {
        Condition parsed = condition == null ? null : parseCondition(condition);
        TableInfo info = catalog.requireTable(c, database, table);
        SqlFragment where = parsed == null ? null : compile(parsed, info);
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < info.columns().size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(info.columns().get(i).name()));
        }
        sql.append(" FROM ").append(dialect.qualified(info.database(), info.name()));
        if (where != null) {
            sql.append(" WHERE ").append(where.sql());
        }
        List<Map<String, Object>> records = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql.toString())) {
            if (where != null) {
                where.bind(ps, 1);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> record = new LinkedHashMap<>();
                    for (int i = 0; i < info.columns().size(); i++) {
                        TableInfo.Column column = info.columns().get(i);
                        record.put(column.name(), Rows.read(rs, i + 1, column.kind()));
                    }
                    records.add(record);
                }
            }
        }
        return records;
    }

    /**
     * @param c         a connection
     * @param database  the database
     * @param table     the table
     * @param data      column name to new JSON value; at least one column
     * @param condition a condition, or {@code null} to update every row
     * @return the number of rows updated
     * @throws SQLException from the driver
     */
    public int update(Connection c, String database, String table, Map<String, JsonNode> data, String condition)
            throws SQLException {
        Condition parsed = condition == null ? null : parseCondition(condition);
        TableInfo info = catalog.requireTable(c, database, table);
        if (data.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "\"data\" has no columns to update");
        }
        List<Assignment> values = assignments(info, data);
        SqlFragment where = parsed == null ? null : compile(parsed, info);
        StringBuilder sql = new StringBuilder("UPDATE ").append(dialect.qualified(info.database(), info.name()))
                .append(" SET ");
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(values.get(i).column().name())).append(" = ?");
        }
        if (where != null) {
            sql.append(" WHERE ").append(where.sql());
        }
        try (PreparedStatement ps = prepare(c, sql.toString())) {
            int index = 1;
            for (Assignment a : values) {
                Values.bind(ps, index++, a.column().kind(), a.value());
            }
            if (where != null) {
                where.bind(ps, index);
            }
            return ps.executeUpdate();
        }
    }

    /**
     * @param c         a connection
     * @param database  the database
     * @param table     the table
     * @param condition which rows to delete ({@code true} for all of them)
     * @return the number of rows deleted
     * @throws SQLException from the driver
     */
    public int deleteRows(Connection c, String database, String table, String condition) throws SQLException {
        Condition parsed = parseCondition(condition);
        TableInfo info = catalog.requireTable(c, database, table);
        SqlFragment where = compile(parsed, info);
        String sql = "DELETE FROM " + dialect.qualified(info.database(), info.name()) + " WHERE " + where.sql();
        try (PreparedStatement ps = prepare(c, sql)) {
            where.bind(ps, 1);
            return ps.executeUpdate();
        }
    }

    /**
     * The answer of a raw query.
     *
     * @param columns      the result's column labels (empty for an update)
     * @param records      the rows, each keyed by label (a repeated label gets a {@code _2}, {@code _3} suffix)
     * @param rowCount     the number of rows returned
     * @param affectedRows the update count (0 for a query)
     * @param truncated    whether more rows existed than were returned
     */
    public record QueryResult(List<String> columns, List<Map<String, Object>> records, int rowCount,
                              long affectedRows, boolean truncated) {
    }

    /**
     * Runs one raw SQL statement with the session pointed at the database, then points it back.
     *
     * @param c        a connection
     * @param database the database
     * @param sql      one SQL statement
     * @return the result
     * @throws ApiException 400 for an empty text or more than one statement
     * @throws SQLException from the driver
     */
    public QueryResult query(Connection c, String database, String sql) throws SQLException {
        int statements = StatementCounter.count(sql, dialect);
        if (statements == 0) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "\"query\" holds no SQL statement");
        }
        if (statements > 1) {
            throw new ApiException(ErrorCode.MULTIPLE_STATEMENTS, "\"query\" holds " + statements
                    + " statements; send one statement per request");
        }
        String stored = catalog.requireDatabase(c, database);
        Dialect.SessionScope scope = dialect.enter(c, stored);
        QueryResult result;
        try {
            result = run(c, sql);
        } catch (SQLException | RuntimeException e) {
            try {
                scope.close();
            } catch (SQLException restore) {
                // in a failed transaction the backend refuses even this; the rollback restores it
                e.addSuppressed(restore);
            }
            throw e;
        }
        scope.close();
        return result;
    }

    private QueryResult run(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(timeoutSeconds);
            st.setMaxRows(maxQueryRows + 1);
            boolean hasResult = st.execute(sql);
            if (!hasResult) {
                return new QueryResult(List.of(), List.of(), 0, Math.max(0, st.getUpdateCount()), false);
            }
            try (ResultSet rs = st.getResultSet()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<String> labels = new ArrayList<>();
                List<String> keys = new ArrayList<>();
                Map<String, Integer> seen = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String label = meta.getColumnLabel(i);
                    labels.add(label);
                    int n = seen.merge(label, 1, Integer::sum);
                    keys.add(n == 1 ? label : label + "_" + n);
                }
                List<Map<String, Object>> records = new ArrayList<>();
                boolean truncated = false;
                while (rs.next()) {
                    if (records.size() == maxQueryRows) {
                        truncated = true;
                        break;
                    }
                    Map<String, Object> record = new LinkedHashMap<>();
                    for (int i = 0; i < keys.size(); i++) {
                        record.put(keys.get(i), Rows.read(rs, i + 1, ValueKind.OTHER));
                    }
                    records.add(record);
                }
                return new QueryResult(labels, records, records.size(), 0, truncated);
            }
        }
    }

    private record Assignment(TableInfo.Column column, Object value) {
    }

    private static List<Assignment> assignments(TableInfo info, Map<String, JsonNode> row) {
        List<Assignment> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : row.entrySet()) {
            String requested = entry.getKey();
            TableInfo.Column column = info.column(requested).orElseThrow(() -> new ApiException(
                    ErrorCode.UNKNOWN_COLUMN, "table " + ApiException.echo(info.name()) + " has no column "
                    + ApiException.echo(requested),
                    Map.of("column", requested.length() > 80 ? requested.substring(0, 80) : requested)));
            if (!used.add(column.name())) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "column " + ApiException.echo(column.name())
                        + " is given twice");
            }
            out.add(new Assignment(column, Values.fromJson(column, entry.getValue())));
        }
        return out;
    }

    private SqlFragment compile(Condition condition, TableInfo info) {
        try {
            return ConditionCompiler.compile(condition, info, dialect);
        } catch (ConditionException e) {
            throw conditionError(e);
        }
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            ps.setQueryTimeout(timeoutSeconds);
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
        return ps;
    }

    private void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql)) {
            ps.execute();
        }
    }
}
