package dev.lagoon.jdbc;

import dev.lagoon.jdbc.testkit.FaultProxy;
import dev.lagoon.jdbc.testkit.TestDatabases;
import dev.lagoon.jdbc.testkit.TestDatabases.Kind;
import dev.lagoon.jdbc.testkit.TestDatabases.Server;
import dev.lagoon.jdbc.testkit.TestDatabases.SessionTag;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The database is unreachable when the pool starts, then comes back. */
class DatabaseDownAtStartupTest {

    private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(1);

    private LagoonDataSource ds;
    private SessionTag tag;
    private FaultProxy proxy;

    @AfterEach
    void stop() throws SQLException {
        if (ds != null) {
            ds.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (tag != null) {
            tag.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void startsWhileTheDatabaseIsDownFailsWithTheRealCauseAndWorksWithinASecondOfHealing(Kind kind)
            throws SQLException, IOException {
        Server server = TestDatabases.require(kind);
        tag = server.newSessionTag();
        proxy = FaultProxy.start(server.host(), server.port());
        proxy.refuse();
        ds = RealPools.through(server, tag, proxy).minSize(2).maxSize(4)
                .acquireTimeout(ACQUIRE_TIMEOUT).creationBackoffMax(Duration.ofMillis(250))
                .build();

        ds.start();
        assertThat(ds.isStarted()).isTrue();

        long t0 = System.nanoTime();
        Throwable failure = catchThrowable(ds::getConnection);
        Duration waited = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(failure).isInstanceOf(SQLTransientConnectionException.class)
                .hasMessageContaining("Timeout acquiring connection");
        assertThat(failure).hasRootCauseInstanceOf(ConnectException.class);
        assertThat(waited).isLessThanOrEqualTo(ACQUIRE_TIMEOUT.plusSeconds(1));

        proxy.heal();
        long healedAt = System.nanoTime();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1")) {
            Duration recovery = Duration.ofNanos(System.nanoTime() - healedAt);
            System.out.println("[measure] " + kind + " down at start-up: first connection " + recovery.toMillis()
                    + " ms after healing");
            assertThat(rs.next()).isTrue();
            assertThat(recovery).isLessThanOrEqualTo(Duration.ofSeconds(1));
        }
    }
}
