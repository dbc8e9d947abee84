package dev.lagoon.jdbc;

import dev.lagoon.jdbc.internal.LeasedConnection;
import dev.lagoon.jdbc.internal.PhysicalConnection;
import dev.lagoon.jdbc.testkit.FaultProxy;
import dev.lagoon.jdbc.testkit.TestDatabases;
import dev.lagoon.jdbc.testkit.TestDatabases.Kind;
import dev.lagoon.jdbc.testkit.TestDatabases.Server;
import dev.lagoon.jdbc.testkit.TestDatabases.SessionTag;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Traffic to the database silently stops (a network partition): nothing may hang past its timeout. */
class BlackHoleTest {

    private static final Duration ACQUIRE_TIMEOUT = Duration.ofMillis(1500);
    private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SLACK = Duration.ofSeconds(1);

    private LagoonDataSource ds;
    private SessionTag tag;
    private FaultProxy proxy;

    @AfterEach
    void stop() throws SQLException, IOException {
        if (proxy != null) {
            proxy.heal();
        }
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

    private void open(Kind kind) throws SQLException, IOException {
        Server server = TestDatabases.require(kind);
        tag = server.newSessionTag();
        proxy = FaultProxy.start(server.host(), server.port());
        ds = RealPools.through(server, tag, proxy).minSize(2).maxSize(2)
                .acquireTimeout(ACQUIRE_TIMEOUT).validationTimeout(VALIDATION_TIMEOUT)
                .validationBypassWindow(Duration.ZERO).build();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void getConnectionGivesUpWithinItsTimeoutWhenTrafficIsBlackHoled(Kind kind) throws SQLException, IOException {
        open(kind);
        proxy.blackHole();

        long t0 = System.nanoTime();
        Throwable failure = catchThrowable(() -> ds.getConnection().close());
        Duration waited = Duration.ofNanos(System.nanoTime() - t0);
        System.out.println("[measure] " + kind + " black hole: getConnection gave up after " + waited.toMillis() + " ms");

        assertThat(failure).isInstanceOf(SQLTransientConnectionException.class);
        assertThat(waited).isLessThanOrEqualTo(ACQUIRE_TIMEOUT.plus(SLACK));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void validationReturnsWithinTheValidationTimeoutWhenTrafficIsBlackHoled(Kind kind) throws Exception {
        open(kind);
        try (Connection c = ds.getConnection()) {
            PhysicalConnection physical = c.unwrap(LeasedConnection.class).physical();
            proxy.blackHole();

            long t0 = System.nanoTime();
            Boolean valid;
            try {
                valid = physical.factory().validate(physical);
            } catch (Exception e) {
                valid = false;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            System.out.println("[measure] " + kind + " black hole: validation returned after " + took.toMillis() + " ms");

            assertThat(valid).isFalse();
            assertThat(took).isLessThanOrEqualTo(VALIDATION_TIMEOUT.plus(SLACK));
            c.abort(Runnable::run);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void returningAConnectionWithOpenWorkDoesNotHangWhenTrafficIsBlackHoled(Kind kind) throws SQLException, IOException {
        open(kind);
        Connection c = ds.getConnection();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.executeQuery("SELECT 1").close();
        }
        proxy.blackHole();

        long t0 = System.nanoTime();
        c.close();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        System.out.println("[measure] " + kind + " black hole: close (rollback) returned after " + took.toMillis() + " ms");

        assertThat(took).isLessThanOrEqualTo(VALIDATION_TIMEOUT.plus(SLACK));
        assertThat(c.isClosed()).isTrue();
    }
}
