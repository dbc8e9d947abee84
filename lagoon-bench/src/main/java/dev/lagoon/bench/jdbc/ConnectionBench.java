package dev.lagoon.bench.jdbc;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.infra.Blackhole;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * {@code getConnection()} then {@code close()} on a pooled {@link javax.sql.DataSource} over the
 * stub driver: the pool's borrow and return, including whatever it does to make the connection
 * safe for the next borrower. The connection is handed to a {@link Blackhole}, as an
 * application would pass it on, so a pool cannot win by having its wrapper optimised away.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConnectionBench {

    /**
     * One borrow and return.
     *
     * @param state     the pool
     * @param blackhole receives the connection
     * @throws SQLException if the pool fails
     */
    @Benchmark
    public void cycleConnection(StubPoolState state, Blackhole blackhole) throws SQLException {
        try (Connection connection = state.dataSource.getConnection()) {
            blackhole.consume(connection);
        }
    }
}
