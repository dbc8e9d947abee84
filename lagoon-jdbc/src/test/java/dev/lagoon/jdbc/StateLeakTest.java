package dev.lagoon.jdbc;

import dev.lagoon.jdbc.testkit.H2;
import dev.lagoon.jdbc.testkit.TestDatabases;
import dev.lagoon.jdbc.testkit.TestDatabases.Kind;
import dev.lagoon.jdbc.testkit.TestDatabases.Server;
import dev.lagoon.jdbc.testkit.TestDatabases.SessionTag;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A borrower leaves auto-commit off, an open transaction with an inserted row, the isolation
 * changed and read-only set; the next borrower of the same physical session must see the
 * defaults and no row. The row goes to a session-local temporary table, which PostgreSQL and
 * MariaDB allow writing inside a read-only transaction.
 */
class StateLeakTest {

    private LagoonDataSource ds;
    private SessionTag tag;

    @AfterEach
    void stop() throws SQLException {
        if (ds != null) {
            ds.close();
        }
        if (tag != null) {
            tag.close();
        }
    }

    private String openDataSource(String database) throws SQLException {
        LagoonDataSource.Builder b;
        String createTemp;
        if (database.equals("H2")) {
            b = LagoonDataSource.builder().jdbcUrl(H2.newMemoryUrl());
            createTemp = "CREATE LOCAL TEMPORARY TABLE leak_probe (id INT)";
        } else {
            Server server = TestDatabases.require(Kind.valueOf(database));
            tag = server.newSessionTag();
            b = RealPools.direct(server, tag);
            createTemp = server.kind() == Kind.POSTGRESQL
                    ? "CREATE TEMP TABLE leak_probe (id INT)" : "CREATE TEMPORARY TABLE leak_probe (id INT)";
        }
        ds = b.minSize(1).maxSize(1).acquireTimeout(Duration.ofSeconds(10)).build();
        return createTemp;
    }

    private static long sessionId(Connection c, String database) throws SQLException {
        if (database.equals("H2")) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT SESSION_ID()")) {
                rs.next();
                return rs.getLong(1);
            }
        }
        return RealPools.sessionId(c, Kind.valueOf(database));
    }

    @ParameterizedTest
    @ValueSource(strings = {"H2", "POSTGRESQL", "MARIADB"})
    void nextBorrowerSeesDefaultsAndNoRowAfterPreviousLeftATransactionOpen(String database) throws SQLException {
        String createTemp = openDataSource(database);
        int defaultIsolation;
        long session;
        try (Connection first = ds.getConnection(); Statement st = first.createStatement()) {
            defaultIsolation = first.getTransactionIsolation();
            session = sessionId(first, database);
            st.execute(createTemp);
        }
        int otherIsolation = defaultIsolation == Connection.TRANSACTION_SERIALIZABLE
                ? Connection.TRANSACTION_READ_COMMITTED : Connection.TRANSACTION_SERIALIZABLE;

        Connection careless = ds.getConnection();
        careless.setAutoCommit(false);
        careless.setTransactionIsolation(otherIsolation);
        careless.setReadOnly(true);
        try (Statement st = careless.createStatement()) {
            assertThat(st.executeUpdate("INSERT INTO leak_probe VALUES (1)")).isEqualTo(1);
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM leak_probe")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the row is visible inside the open transaction").isEqualTo(1);
            }
        }
        careless.close();

        try (Connection next = ds.getConnection(); Statement st = next.createStatement()) {
            assertThat(sessionId(next, database)).as("same physical session").isEqualTo(session);
            assertThat(next.getAutoCommit()).isTrue();
            assertThat(next.getTransactionIsolation()).isEqualTo(defaultIsolation);
            assertThat(next.isReadOnly()).isFalse();
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM leak_probe")) {
                rs.next();
                assertThat(rs.getInt(1)).as("rows left by the previous borrower").isZero();
            }
        }
    }
}
