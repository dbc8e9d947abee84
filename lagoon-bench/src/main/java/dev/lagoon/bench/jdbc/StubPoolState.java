package dev.lagoon.bench.jdbc;

import dev.lagoon.bench.jdbc.stub.StubDataSource;
import dev.lagoon.bench.jdbc.stub.StubDriver;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import javax.sql.DataSource;

/**
 * One pool over the {@link StubDriver}, shared by all benchmark threads, with auto-commit off
 * by default so that pools which roll back on return do so (see {@link JdbcPools}).
 * {@code pool=none} is no pool: each {@code getConnection} opens a new stub connection.
 */
@State(Scope.Benchmark)
public class StubPoolState {

    /** The pool under test. */
    @Param({"lagoon", "hikari", "agroal", "vibur", "dbcp2", "c3p0", "tomcat"})
    public String pool;

    /** Connections in the pool. */
    @Param({"32"})
    public int maxPoolSize;

    /** The data source the benchmark threads share. */
    public DataSource dataSource;

    @Setup
    public void setUp() throws Exception {
        StubDriver.register();
        dataSource = "none".equals(pool) ? new StubDataSource()
                : JdbcPools.create(pool, StubDriver.URL, "bench", "bench", maxPoolSize, false);
    }

    @TearDown
    public void tearDown() throws Exception {
        JdbcPools.close(dataSource);
    }
}
