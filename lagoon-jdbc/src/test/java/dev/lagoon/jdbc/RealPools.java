package dev.lagoon.jdbc;

import dev.lagoon.jdbc.testkit.FaultProxy;
import dev.lagoon.jdbc.testkit.TestDatabases.Kind;
import dev.lagoon.jdbc.testkit.TestDatabases.Server;
import dev.lagoon.jdbc.testkit.TestDatabases.SessionTag;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Data sources on the real servers, configured as a careful user would. */
final class RealPools {

    /** The driver's connect and login handshake bound, in seconds. */
    static final int HANDSHAKE_SECONDS = 2;

    private RealPools() {
    }

    /**
     * @param server the server
     * @param tag    how its sessions are recognised
     * @param proxy  the fault proxy in between
     * @return a builder connecting through the proxy
     */
    static LagoonDataSource.Builder through(Server server, SessionTag tag, FaultProxy proxy) {
        return to(server, tag, server.jdbcUrl(proxy.host(), proxy.port()));
    }

    /**
     * @param server the server
     * @param tag    how its sessions are recognised
     * @return a builder connecting directly
     */
    static LagoonDataSource.Builder direct(Server server, SessionTag tag) {
        return to(server, tag, server.jdbcUrl());
    }

    private static LagoonDataSource.Builder to(Server server, SessionTag tag, String url) {
        Properties props = server.handshakeTimeouts(HANDSHAKE_SECONDS);
        props.putAll(tag.connectionProperties());
        return LagoonDataSource.builder().jdbcUrl(url).username(tag.username()).password(tag.password())
                .dataSourceProperties(props).poolName(tag.tag());
    }

    /** @return a query that takes about {@code seconds} on the server */
    static String sleepQuery(Kind kind, double seconds) {
        return kind == Kind.POSTGRESQL ? "SELECT pg_sleep(" + seconds + ")" : "SELECT SLEEP(" + seconds + ")";
    }

    /** @return the server's id for the session behind {@code c} */
    static long sessionId(Connection c, Kind kind) throws SQLException {
        String sql = kind == Kind.POSTGRESQL ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
