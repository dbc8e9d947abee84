package dev.lagoon.jdbc;

import dev.lagoon.DestroyReason;
import dev.lagoon.jdbc.BrokenConnectionClassifier.Verdict;
import dev.lagoon.jdbc.testkit.FakeJdbc;
import dev.lagoon.jdbc.testkit.RecordingListener;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokenConnectionTest {

    private final FakeJdbc fake = new FakeJdbc();
    private final RecordingListener listener = new RecordingListener();
    private LagoonDataSource ds;

    private LagoonDataSource.Builder builder() {
        return LagoonDataSource.builder().dataSource(fake.dataSource()).minSize(0).maxSize(1)
                .acquireTimeout(Duration.ofSeconds(5)).listener(listener);
    }

    @AfterEach
    void stop() {
        if (ds != null) {
            ds.close();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void connectionExceptionMakesThePoolDestroyTheConnectionOnReturn() throws SQLException {
        SQLException ioError = new SQLException("An I/O error occurred", "08006");
        fake.failOn("SELECT boom", ioError);
        ds = builder().build();

        assertThatThrownBy(() -> execute("SELECT boom")).isSameAs(ioError);

        assertThat(listener.destroyed()).extracting(RecordingListener.Destroyed::reason)
                .containsExactly(DestroyReason.INVALIDATED);
        execute("SELECT 1");
        assertThat(fake.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void ordinaryErrorLeavesTheConnectionInThePool() throws SQLException {
        fake.failOn("INSERT dup", new SQLException("duplicate key", "23505"));
        ds = builder().build();

        assertThatThrownBy(() -> execute("INSERT dup")).isInstanceOf(SQLException.class);
        execute("SELECT 1");

        assertThat(listener.destroyed()).isEmpty();
        assertThat(fake.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void classifierAddedByTheUserMarksItsStatesBroken() throws SQLException {
        fake.failOn("SELECT vendor", new SQLException("vendor says gone", "ZZ777"));
        ds = builder().brokenConnectionClassifier(e -> "ZZ777".equals(e.getSQLState()) ? Verdict.BROKEN : Verdict.ABSTAIN)
                .build();

        assertThatThrownBy(() -> execute("SELECT vendor")).isInstanceOf(SQLException.class);

        assertThat(listener.destroyed()).extracting(RecordingListener.Destroyed::reason)
                .containsExactly(DestroyReason.INVALIDATED);
    }

    @Test
    void classifierFoundByServiceLoaderIsConsulted() throws SQLException {
        fake.failOn("SELECT spi", new SQLException("service-loaded rule", ServiceLoadedClassifier.STATE));
        ds = builder().build();

        assertThatThrownBy(() -> execute("SELECT spi")).isInstanceOf(SQLException.class);

        assertThat(listener.destroyed()).extracting(RecordingListener.Destroyed::reason)
                .containsExactly(DestroyReason.INVALIDATED);
    }

    @Test
    void userClassifierCanDeclareAStandardBrokenStateHealthy() throws SQLException {
        fake.failOn("SELECT flaky", new SQLException("transient link hiccup", "08S01"));
        ds = builder().brokenConnectionClassifier(e -> "08S01".equals(e.getSQLState()) ? Verdict.HEALTHY : Verdict.ABSTAIN)
                .build();

        assertThatThrownBy(() -> execute("SELECT flaky")).isInstanceOf(SQLException.class);
        execute("SELECT 1");

        assertThat(listener.destroyed()).isEmpty();
    }

    @Test
    void isValidAnsweringFalseToTheBorrowerMarksTheConnectionBroken() throws SQLException {
        ds = builder().validateOnAcquire(false).build();
        try (Connection c = ds.getConnection()) {
            fake.setValid(false);
            assertThat(c.isValid(1)).isFalse();
        }

        assertThat(listener.destroyed()).extracting(RecordingListener.Destroyed::reason)
                .containsExactly(DestroyReason.INVALIDATED);
    }
}
