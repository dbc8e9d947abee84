package dev.lagoon.server.internal.backend;

import dev.lagoon.PoolStatus;
import dev.lagoon.jdbc.LagoonDataSource;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The backend pool: a {@link LagoonDataSource} over the configured JDBC URL. Connections are
 * handed out in auto-commit mode and restored by the pool when they come back (auto-commit,
 * schema/catalog, uncommitted work rolled back). The pool starts without failing when the
 * database is down; requests then get 503 until it is reachable.
 */
public final class LagoonBackend implements Backend {

    private final LagoonDataSource dataSource;

    /** @param dataSource a built data source; it is started here */
    LagoonBackend(LagoonDataSource dataSource) {
        this.dataSource = dataSource;
        dataSource.start();
    }

    @Override
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public PoolSnapshot status() {
        PoolStatus s = dataSource.status();
        return new PoolSnapshot(s.available(), s.used(), s.min(), s.max(), s.pending(), s.total());
    }

    @Override
    public String poolName() {
        return dataSource.getPoolName();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
