package dev.lagoon.server.internal.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * What differs between the supported backends: how a PhantomDB database maps to the backend
 * (a schema on H2 and PostgreSQL, a database on MariaDB), identifier quoting, catalog queries,
 * SQL types, and how to point a session at one database for raw SQL.
 *
 * <p>Every catalog query here takes its names as bind parameters; every identifier that ends
 * up in SQL text goes through {@link #quote(String)}.
 */
public enum Dialect {

    /** H2 2.x: databases are schemas, identifiers in double quotes. */
    H2("H2", Set.of("information_schema", "public")) {
        @Override
        String listDatabasesSql() {
            return "SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA ORDER BY SCHEMA_NAME";
        }

        @Override
        String listTablesSql() {
            return "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME";
        }

        @Override
        String columnsSql() {
            return "SELECT COLUMN_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
        }

        @Override
        public String sqlType(ColumnType type) {
            return switch (type) {
                case INT -> "BIGINT";
                case STRING -> "CHARACTER VARYING";
                case FLOAT -> "DOUBLE PRECISION";
                case BOOLEAN -> "BOOLEAN";
                case TIMESTAMP -> "TIMESTAMP";
            };
        }

        @Override
        public SessionScope enter(Connection connection, String database) throws SQLException {
            String previous = connection.getSchema();
            connection.setSchema(database);
            return () -> connection.setSchema(previous);
        }
    },

    /** PostgreSQL: databases are schemas of the connected database, identifiers in double quotes. */
    POSTGRESQL("PostgreSQL", Set.of("information_schema", "public")) {
        @Override
        String listDatabasesSql() {
            return "SELECT nspname FROM pg_catalog.pg_namespace ORDER BY nspname";
        }

        @Override
        String listTablesSql() {
            return "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = ? ORDER BY tablename";
        }

        @Override
        String columnsSql() {
            return "SELECT column_name, data_type FROM information_schema.columns"
                    + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position";
        }

        @Override
        public String sqlType(ColumnType type) {
            return switch (type) {
                case INT -> "BIGINT";
                case STRING -> "TEXT";
                case FLOAT -> "DOUBLE PRECISION";
                case BOOLEAN -> "BOOLEAN";
                case TIMESTAMP -> "TIMESTAMP";
            };
        }

        @Override
        public boolean isSystemDatabase(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            return super.isSystemDatabase(name) || lower.startsWith("pg_");
        }

        @Override
        public SessionScope enter(Connection connection, String database) throws SQLException {
            String previous;
            try (PreparedStatement ps = connection.prepareStatement("SELECT current_setting('search_path')");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                previous = rs.getString(1);
            }
            setSearchPath(connection, quote(database));
            return () -> setSearchPath(connection, previous);
        }

        private void setSearchPath(Connection connection, String path) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
                ps.setString(1, path);
                ps.execute();
            }
        }
    },

    /** MariaDB: databases are MariaDB databases, identifiers in backticks. */
    MARIADB("MariaDB", Set.of("information_schema", "mysql", "performance_schema", "sys")) {
        @Override
        public String quote(String identifier) {
            return '`' + identifier.replace("`", "``") + '`';
        }

        @Override
        String listDatabasesSql() {
            return "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME";
        }

        @Override
        String listTablesSql() {
            return "SELECT TABLE_NAME FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME";
        }

        @Override
        String columnsSql() {
            return "SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
        }

        @Override
        public String createDatabaseSql(String database) {
            // binary collation: '=' and LIKE compare exactly, as on H2 and PostgreSQL
            return "CREATE DATABASE " + quote(database) + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
        }

        @Override
        public String dropDatabaseSql(String database) {
            return "DROP DATABASE " + quote(database);
        }

        @Override
        public String sqlType(ColumnType type) {
            return switch (type) {
                case INT -> "BIGINT";
                case STRING -> "LONGTEXT";
                case FLOAT -> "DOUBLE PRECISION";
                case BOOLEAN -> "BOOLEAN";
                case TIMESTAMP -> "DATETIME(6)";
            };
        }

        @Override
        public SessionScope enter(Connection connection, String database) throws SQLException {
            String previous = connection.getCatalog();
            connection.setCatalog(database);
            return () -> {
                if (previous != null) {
                    connection.setCatalog(previous);
                }
            };
        }
    };

    private final String displayName;
    private final Set<String> systemDatabases;

    Dialect(String displayName, Set<String> systemDatabases) {
        this.displayName = displayName;
        this.systemDatabases = systemDatabases;
    }

    /**
     * @param jdbcUrl the backend URL
     * @return the dialect for it
     * @throws IllegalArgumentException for a URL of an unsupported backend
     */
    public static Dialect forJdbcUrl(String jdbcUrl) {
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (lower.startsWith("jdbc:mariadb:")) {
            return MARIADB;
        }
        throw new IllegalArgumentException("unsupported backend URL: it must start with jdbc:h2:, "
                + "jdbc:postgresql: or jdbc:mariadb:");
    }

    /** @return the backend's product name */
    public String displayName() {
        return displayName;
    }

    /**
     * @param identifier a validated name
     * @return the name quoted for this backend, with embedded quote characters doubled; double
     *         quotes (standard SQL) unless the backend overrides it
     */
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * @param database a database name
     * @param table    a table name
     * @return {@code database.table}, both quoted
     */
    public String qualified(String database, String table) {
        return quote(database) + "." + quote(table);
    }

    /** @return SQL listing every schema/database name (no parameters) */
    abstract String listDatabasesSql();

    /** @return SQL listing base tables of the schema given as parameter 1 */
    abstract String listTablesSql();

    /** @return SQL listing (name, type) of the columns of schema ?1 table ?2, in order */
    abstract String columnsSql();

    /**
     * @param database the database to create
     * @return the DDL; a schema unless the backend overrides it
     */
    public String createDatabaseSql(String database) {
        return "CREATE SCHEMA " + quote(database);
    }

    /**
     * @param database the database to drop with everything in it
     * @return the DDL; the schema and its contents unless the backend overrides it
     */
    public String dropDatabaseSql(String database) {
        return "DROP SCHEMA " + quote(database) + " CASCADE";
    }

    /**
     * @param type a contract column type
     * @return the backend SQL type it is created as
     */
    public abstract String sqlType(ColumnType type);

    /**
     * Whether a schema/database belongs to the backend itself. Such names are hidden from
     * {@code GET /databases} and refused everywhere else, in any letter case.
     *
     * @param name a schema/database name
     * @return whether it is reserved
     */
    public boolean isSystemDatabase(String name) {
        return systemDatabases.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Points the session at one database for raw SQL, so unqualified names resolve there.
     *
     * @param connection the session
     * @param database   the (existing, validated) database
     * @return a scope whose {@code close} restores what the session pointed at before
     * @throws SQLException when the backend refuses
     */
    public abstract SessionScope enter(Connection connection, String database) throws SQLException;

    /** Undoes {@link #enter(Connection, String)}. */
    @FunctionalInterface
    public interface SessionScope extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }
}
