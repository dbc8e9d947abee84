package dev.lagoon.jdbc;

import dev.lagoon.DestroyReason;
import dev.lagoon.jdbc.testkit.Await;
import dev.lagoon.jdbc.testkit.H2;
import dev.lagoon.jdbc.testkit.RecordingListener;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionWrapperTest {

    private final RecordingListener listener = new RecordingListener();
    private LagoonDataSource ds;

    @BeforeEach
    void start() {
        ds = LagoonDataSource.builder().jdbcUrl(H2.newMemoryUrl()).minSize(0).maxSize(1)
                .acquireTimeout(Duration.ofSeconds(5)).listener(listener).build();
    }

    @AfterEach
    void stop() {
        ds.close();
    }

    private static Connection driverConnection(Connection c) throws SQLException {
        return c.unwrap(org.h2.jdbc.JdbcConnection.class);
    }

    @Test
    void closeReturnsThePhysicalConnectionForTheNextBorrower() throws SQLException {
        Connection first = ds.getConnection();
        Connection physical = driverConnection(first);
        first.close();

        assertThat(ds.status().available()).isEqualTo(1);
        try (Connection second = ds.getConnection()) {
            assertThat(second).isNotSameAs(first);
            assertThat(driverConnection(second)).isSameAs(physical);
        }
        assertThat(listener.destroyed()).isEmpty();
    }

    @Test
    void secondCloseDoesNothing() throws SQLException {
        Connection c = ds.getConnection();
        c.close();
        c.close();

        assertThat(ds.status().available()).isEqualTo(1);
        assertThat(ds.status().used()).isZero();
    }

    @Test
    void closedWrapperThrowsSqlExceptionOnUse() throws SQLException {
        Connection c = ds.getConnection();
        c.close();

        assertThat(c.isClosed()).isTrue();
        assertThat(c.isValid(1)).isFalse();
        assertThatThrownBy(c::createStatement).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08003");
        assertThatThrownBy(() -> c.setAutoCommit(false)).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> c.unwrap(Connection.class)).isInstanceOf(SQLException.class);
    }

    @Test
    void staleWrapperNeverReachesTheNextBorrowersConnection() throws SQLException {
        Connection stale = ds.getConnection();
        stale.close();
        try (Connection current = ds.getConnection()) {
            current.setAutoCommit(false);

            assertThatThrownBy(() -> stale.setAutoCommit(true)).isInstanceOf(SQLException.class);
            assertThat(current.getAutoCommit()).isFalse();
        }
    }

    @Test
    void statementsLeftOpenAreClosedOnReturn() throws SQLException {
        Statement st;
        PreparedStatement ps;
        ResultSet rs;
        Statement driverStatement;
        try (Connection c = ds.getConnection()) {
            st = c.createStatement();
            driverStatement = st.unwrap(org.h2.jdbc.JdbcStatement.class);
            ps = c.prepareStatement("SELECT 1");
            rs = ps.executeQuery();
        }

        assertThat(st.isClosed()).isTrue();
        assertThat(ps.isClosed()).isTrue();
        assertThat(rs.isClosed()).isTrue();
        assertThat(driverStatement.isClosed()).isTrue();
        assertThatThrownBy(() -> st.executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
        assertThatThrownBy(rs::next).isInstanceOf(SQLException.class);
    }

    @Test
    void statementClosedByTheBorrowerIsNoLongerTracked() throws SQLException {
        try (Connection c = ds.getConnection()) {
            dev.lagoon.jdbc.internal.LeasedConnection leased = c.unwrap(dev.lagoon.jdbc.internal.LeasedConnection.class);
            Statement a = c.createStatement();
            Statement b = c.createStatement();
            assertThat(leased.openStatementCount()).isEqualTo(2);

            a.close();

            assertThat(leased.openStatementCount()).isEqualTo(1);
            assertThat(b.isClosed()).isFalse();
        }
    }

    @Test
    void statementsResultSetsAndMetadataAnswerTheBorrowersWrappers() throws SQLException {
        try (Connection c = ds.getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1")) {
            DatabaseMetaData md = c.getMetaData();

            assertThat(st.getConnection()).isSameAs(c);
            assertThat(rs.getStatement()).isSameAs(st);
            assertThat(md.getConnection()).isSameAs(c);
            try (ResultSet tables = md.getTables(null, null, "%", null)) {
                assertThat(tables.getStatement()).isNull();
            }
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void unwrapReachesTheDriversObjects() throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            assertThat(c.isWrapperFor(org.h2.jdbc.JdbcConnection.class)).isTrue();
            assertThat(c.unwrap(org.h2.jdbc.JdbcConnection.class)).isInstanceOf(org.h2.jdbc.JdbcConnection.class);
            assertThat(st.unwrap(org.h2.jdbc.JdbcStatement.class)).isInstanceOf(org.h2.jdbc.JdbcStatement.class);
            assertThat(c.isWrapperFor(String.class)).isFalse();
            assertThatThrownBy(() -> c.unwrap(String.class)).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void abortDestroysThePhysicalConnection() throws SQLException {
        Connection c = ds.getConnection();
        Connection physical = driverConnection(c);

        c.abort(Runnable::run);

        assertThat(c.isClosed()).isTrue();
        Await.until(Duration.ofSeconds(5), physicalClosed(physical), () -> "the driver's connection is closed");
        assertThat(listener.destroyed()).extracting(RecordingListener.Destroyed::reason)
                .containsExactly(DestroyReason.INVALIDATED);
        assertThat(ds.status().total()).isZero();
        try (Connection next = ds.getConnection()) {
            assertThat(driverConnection(next)).isNotSameAs(physical);
        }
    }

    @Test
    void abortWithoutExecutorIsRefused() throws SQLException {
        try (Connection c = ds.getConnection()) {
            assertThatThrownBy(() -> c.abort(null)).isInstanceOf(SQLException.class);
            assertThat(c.isClosed()).isFalse();
        }
    }

    private static java.util.function.BooleanSupplier physicalClosed(Connection physical) {
        return () -> {
            try {
                return physical.isClosed();
            } catch (SQLException e) {
                return false;
            }
        };
    }
}
