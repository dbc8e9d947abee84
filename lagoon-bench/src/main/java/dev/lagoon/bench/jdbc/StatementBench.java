package dev.lagoon.bench.jdbc;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * {@code prepareStatement}, {@code setInt}, {@code execute}, {@code close} on a connection each
 * thread holds for a whole iteration: the cost of the pool's statement wrapping and tracking.
 * The stub statement itself does nothing (it is allocated by the stub connection, which costs
 * every pool the same; {@code pool=none} measures it alone).
 *
 * <p>Each thread holds a connection for the whole iteration, so this benchmark needs at least
 * as many connections as threads: it is run with pool size 32 only.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StatementBench {

    /** The statement every pool prepares. */
    static final String SQL = "SELECT abalance FROM pgbench_accounts WHERE aid = ?";

    /** A connection a benchmark thread holds for one iteration. */
    @State(Scope.Thread)
    public static class HeldConnection {
        Connection connection;

        @Setup(Level.Iteration)
        public void borrow(StubPoolState state) throws SQLException {
            connection = state.dataSource.getConnection();
        }

        @TearDown(Level.Iteration)
        public void giveBack() throws SQLException {
            connection.close();
        }
    }

    /**
     * One statement: prepare, bind, execute, close.
     *
     * @param held the thread's connection
     * @return what execute returned
     * @throws SQLException if the pool or driver fails
     */
    @Benchmark
    public boolean prepareExecuteClose(HeldConnection held) throws SQLException {
        try (PreparedStatement statement = held.connection.prepareStatement(SQL)) {
            statement.setInt(1, 42);
            return statement.execute();
        }
    }
}
