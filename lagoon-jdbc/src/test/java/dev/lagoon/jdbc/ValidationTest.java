package dev.lagoon.jdbc;

import dev.lagoon.DestroyReason;
import dev.lagoon.jdbc.testkit.FakeJdbc;
import dev.lagoon.jdbc.testkit.RecordingListener;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How the pool validates idle connections before lending them (a fake driver records every call). */
class ValidationTest {

    private final FakeJdbc fake = new FakeJdbc();
    private final RecordingListener listener = new RecordingListener();
    private LagoonDataSource ds;

    private LagoonDataSource.Builder builder() {
        return LagoonDataSource.builder().dataSource(fake.dataSource()).minSize(0).maxSize(1)
                .validateOnAcquire(true).validationBypassWindow(Duration.ZERO)
                .validationTimeout(Duration.ofMillis(2500)).acquireTimeout(Duration.ofSeconds(5)).listener(listener);
    }

    @AfterEach
    void stop() {
        if (ds != null) {
            ds.close();
        }
    }

    /** Returns the calls the pool made while lending an idle connection again. */
    private List<String> callsWhileLendingAgain() throws SQLException {
        ds.getConnection().close();
        int mark = fake.callCount();
        try (Connection c = ds.getConnection()) {
            return fake.callsOn(1, mark);
        }
    }

    @Test
    void defaultValidationIsIsValidUnderANetworkTimeoutOfTheValidationTimeout() throws SQLException {
        ds = builder().build();

        List<String> calls = callsWhileLendingAgain();

        assertThat(calls).filteredOn(c -> c.startsWith("setNetworkTimeout") || c.startsWith("isValid"))
                .hasSize(3)
                .satisfiesExactly(
                        first -> assertThat(first).endsWith(", 2500)"),
                        second -> assertThat(second).isEqualTo("isValid(3)"),
                        third -> assertThat(third).endsWith(", 0)"));
    }

    @Test
    void validationQueryReplacesIsValidAndHasAQueryTimeout() throws SQLException {
        ds = builder().validationQuery("SELECT 1").build();

        List<String> calls = callsWhileLendingAgain();

        assertThat(calls).contains("stmt.setQueryTimeout(3)", "stmt.execute(SELECT 1)")
                .noneMatch(c -> c.startsWith("isValid"));
        assertThat(calls.get(0)).endsWith(", 2500)");
    }

    @Test
    void connectionFailingValidationIsReplacedWithoutTheBorrowerNoticing() throws SQLException {
        ds = builder().build();
        ds.getConnection().close();
        fake.setValid(1, false);

        try (Connection c = ds.getConnection()) {
            assertThat(c.isClosed()).isFalse();
        }

        assertThat(fake.connectionsOpened()).isEqualTo(2);
        assertThat(listener.destroyed()).extracting(RecordingListener.Destroyed::reason)
                .containsExactly(DestroyReason.VALIDATION_FAILED);
    }

    @Test
    void failingValidationQueryCountsAsInvalid() throws SQLException {
        ds = builder().validationQuery("SELECT 1").build();
        ds.getConnection().close();
        fake.failOn(1, "SELECT 1", new SQLException("relation does not exist", "42P01"));

        try (Connection c = ds.getConnection()) {
            assertThat(c.isClosed()).isFalse();
        }

        assertThat(listener.destroyed()).extracting(RecordingListener.Destroyed::reason)
                .containsExactly(DestroyReason.VALIDATION_FAILED);
    }
}
