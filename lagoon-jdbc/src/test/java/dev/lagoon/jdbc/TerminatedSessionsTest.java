package dev.lagoon.jdbc;

import dev.lagoon.DestroyReason;
import dev.lagoon.jdbc.testkit.Await;
import dev.lagoon.jdbc.testkit.RecordingListener;
import dev.lagoon.jdbc.testkit.TestDatabases;
import dev.lagoon.jdbc.testkit.TestDatabases.Kind;
import dev.lagoon.jdbc.testkit.TestDatabases.Server;
import dev.lagoon.jdbc.testkit.TestDatabases.SessionTag;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server ends the pool's sessions ({@code pg_terminate_backend}, MariaDB {@code KILL}). */
class TerminatedSessionsTest {

    private static final int SIZE = 4;

    private final RecordingListener listener = new RecordingListener();
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

    private Server open(Kind kind) throws SQLException {
        Server server = TestDatabases.require(kind);
        tag = server.newSessionTag();
        ds = RealPools.direct(server, tag).minSize(SIZE).maxSize(SIZE)
                .validationBypassWindow(Duration.ZERO).validationTimeout(Duration.ofSeconds(1))
                .acquireTimeout(Duration.ofSeconds(5)).listener(listener).build();
        ds.start();
        Await.until(Duration.ofSeconds(10), () -> serverSessions() == SIZE, () -> "the pool's sessions on the server");
        return server;
    }

    private int serverSessions() {
        try {
            return tag.serverSessionCount();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void nextBorrowersGetFreshValidConnectionsAfterEverySessionWasTerminated(Kind kind) throws SQLException {
        open(kind);
        List<Long> before = tag.sessionIds();

        assertThat(tag.terminateAll()).isEqualTo(SIZE);

        Set<Long> served = new HashSet<>();
        for (int i = 0; i < 2 * SIZE; i++) {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
                served.add(RealPools.sessionId(c, kind));
            }
        }
        assertThat(served).doesNotContainAnyElementsOf(before);
        assertThat(listener.destroyed()).extracting(RecordingListener.Destroyed::reason)
                .containsOnly(DestroyReason.VALIDATION_FAILED);
        Await.until(Duration.ofSeconds(10), () -> serverSessions() == ds.status().total(),
                () -> "server sessions (" + serverSessions() + ") = pool's (" + ds.status() + ")");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void borrowedConnectionWhoseSessionWasTerminatedIsDestroyedOnReturn(Kind kind) throws SQLException {
        open(kind);
        Connection c = ds.getConnection();
        long session = RealPools.sessionId(c, kind);
        Server server = TestDatabases.require(kind);
        server.execute(kind == Kind.POSTGRESQL ? "SELECT pg_terminate_backend(" + session + ")" : "KILL " + session);

        assertThatThrownBy(() -> {
            try (Statement st = c.createStatement()) {
                st.executeQuery("SELECT 1").close();
                st.executeQuery("SELECT 1").close();
            }
        }).isInstanceOf(SQLException.class);
        c.close();

        assertThat(listener.destroyed()).extracting(RecordingListener.Destroyed::reason)
                .containsExactly(DestroyReason.INVALIDATED);
        try (Connection next = ds.getConnection()) {
            assertThat(RealPools.sessionId(next, kind)).isNotEqualTo(session);
        }
    }
}
