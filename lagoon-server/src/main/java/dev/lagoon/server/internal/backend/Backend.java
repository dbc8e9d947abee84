package dev.lagoon.server.internal.backend;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The pooled SQL backend the server runs on: where every request's connection comes from.
 * Closing a connection obtained here gives it back to the pool.
 */
public interface Backend extends AutoCloseable {

    /**
     * Borrows a connection, waiting up to the pool's acquire timeout.
     *
     * @return a connection in auto-commit mode
     * @throws SQLException when the backend is unreachable or no connection became free in time
     */
    Connection connection() throws SQLException;

    /** @return the pool's counts right now */
    PoolSnapshot status();

    /** @return the pool's name, as shown in stats and metrics */
    String poolName();

    /** Closes the pool and every connection in it. */
    @Override
    void close();

    /**
     * A moment of the pool's state.
     *
     * @param available idle connections
     * @param used      connections lent out
     * @param min       configured minimum
     * @param max       configured maximum
     * @param pending   callers waiting for a connection
     * @param total     open connections
     */
    record PoolSnapshot(int available, int used, int min, int max, int pending, int total) {
    }
}
