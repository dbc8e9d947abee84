package dev.lagoon.bench.pg;

import dev.lagoon.bench.jdbc.JdbcPools;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A pgbench-like select-only load on a real PostgreSQL: each operation reads one random row
 * ({@code SELECT abalance FROM lagoon_bench_accounts WHERE aid = ?}) of a 100,000-row table,
 * the size of pgbench's scale 1, in auto-commit mode.
 *
 * <ul>
 *   <li>{@code pool=lagoon} or {@code hikari} (or any pool of {@link JdbcPools}): every
 *       operation is {@code getConnection}, {@code prepareStatement}, execute, read,
 *       {@code close}, on a pool of {@code connections} connections shared by all threads.
 *       Run with 1x, 4x and 32x as many threads as connections.</li>
 *   <li>{@code pool=dedicated}: every thread opens its own connection before measuring and
 *       runs the same statement on it, with no pool at all; {@code connections} is ignored and
 *       the number of connections equals the number of threads.</li>
 * </ul>
 *
 * <p>The server is 127.0.0.1:5432, database {@code test}, user {@code postgres}, no password
 * (override with the system properties {@code pg.url}, {@code pg.user}, {@code pg.password}).
 * The table is created and filled on first use and left in place for later runs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PgSelectBench {

    static final String URL = System.getProperty("pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("pg.user", "postgres");
    static final String PASSWORD = System.getProperty("pg.password", "");
    static final int ROWS = 100_000;
    static final String SELECT = "SELECT abalance FROM lagoon_bench_accounts WHERE aid = ?";

    /** The pool (or none) shared by all threads. */
    @State(Scope.Benchmark)
    public static class Shared {
        /** A pool from {@link JdbcPools}, or {@code dedicated} for one connection per thread. */
        @Param({"lagoon", "hikari", "dedicated"})
        public String pool;

        /** Connections in the pool. */
        @Param({"2"})
        public int connections;

        DataSource dataSource;

        @Setup
        public void setUp(BenchmarkParams params) throws Exception {
            try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {
                prepareTable(c);
                int needed = "dedicated".equals(pool) ? params.getThreads() : connections;
                checkCapacity(c, needed);
            }
            if (!"dedicated".equals(pool)) {
                dataSource = JdbcPools.create(pool, URL, USER, PASSWORD, connections, true);
            }
        }

        @TearDown
        public void tearDown() throws Exception {
            if (dataSource != null) {
                JdbcPools.close(dataSource);
            }
        }
    }

    /** The thread's own connection, for {@code pool=dedicated}. */
    @State(Scope.Thread)
    public static class Dedicated {
        Connection connection;

        @Setup
        public void open(Shared shared) throws SQLException {
            if ("dedicated".equals(shared.pool)) {
                connection = DriverManager.getConnection(URL, USER, PASSWORD);
            }
        }

        @TearDown
        public void close() throws SQLException {
            if (connection != null) {
                connection.close();
            }
        }
    }

    /**
     * One select of a random account.
     *
     * @param shared    the pool
     * @param dedicated the thread's own connection, when there is no pool
     * @return the balance read
     * @throws SQLException if the query fails
     */
    @Benchmark
    public int selectOne(Shared shared, Dedicated dedicated) throws SQLException {
        if (dedicated.connection != null) {
            return select(dedicated.connection);
        }
        try (Connection c = shared.dataSource.getConnection()) {
            return select(c);
        }
    }

    private static int select(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setInt(1, ThreadLocalRandom.current().nextInt(1, ROWS + 1));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no row: the table was not filled");
                }
                return rs.getInt(1);
            }
        }
    }

    /** Creates and fills the table unless a previous run did. */
    static void prepareTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS lagoon_bench_accounts ("
                    + "aid integer PRIMARY KEY, bid integer NOT NULL, abalance integer NOT NULL, filler char(84))");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM lagoon_bench_accounts")) {
                rs.next();
                if (rs.getLong(1) == ROWS) {
                    return;
                }
            }
            st.execute("TRUNCATE lagoon_bench_accounts");
            st.execute("INSERT INTO lagoon_bench_accounts (aid, bid, abalance, filler) "
                    + "SELECT i, 1 + (i - 1) / 100000, 0, '' FROM generate_series(1, " + ROWS + ") AS i");
            st.execute("VACUUM ANALYZE lagoon_bench_accounts");
        }
    }

    /** Refuses to start when the server lacks the sessions this trial needs (other users share it). */
    static void checkCapacity(Connection c, int needed) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('max_connections')::int"
                     + " - current_setting('superuser_reserved_connections')::int - count(*) FROM pg_stat_activity")) {
            rs.next();
            int free = rs.getInt(1);
            if (free < needed + 5) {
                throw new IllegalStateException("PostgreSQL has " + free + " free sessions; this trial needs "
                        + needed + " plus a margin of 5 for other users");
            }
        }
    }
}
