package dev.lagoon.jdbc;

import dev.lagoon.jdbc.testkit.H2;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatementCacheTest {

    private LagoonDataSource ds;

    private LagoonDataSource start(int cacheSize) {
        ds = LagoonDataSource.builder().jdbcUrl(H2.newMemoryUrl()).minSize(0).maxSize(1)
                .statementCacheSize(cacheSize).acquireTimeout(Duration.ofSeconds(5)).build();
        return ds;
    }

    @AfterEach
    void stop() {
        if (ds != null) {
            ds.close();
        }
    }

    /** Prepares {@code sql} on a fresh lease, closes it, and returns the driver's statement it used. */
    private PreparedStatement driverStatementOf(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            return ps.unwrap(org.h2.jdbc.JdbcPreparedStatement.class);
        }
    }

    @Test
    void withoutCacheEveryPrepareMakesANewDriverStatement() throws SQLException {
        start(0);

        PreparedStatement first = driverStatementOf("SELECT 1");
        PreparedStatement second = driverStatementOf("SELECT 1");

        assertThat(second).isNotSameAs(first);
        assertThat(first.isClosed()).isTrue();
    }

    @Test
    void sameSqlReusesTheDriverStatementAcrossLeases() throws SQLException {
        start(4);

        PreparedStatement first = driverStatementOf("SELECT 1");
        PreparedStatement second = driverStatementOf("SELECT 1");

        assertThat(second).isSameAs(first);
        assertThat(first.isClosed()).isFalse();
    }

    @Test
    void differentPrepareVariantsAreCachedSeparately() throws SQLException {
        start(4);
        try (Connection c = ds.getConnection()) {
            PreparedStatement plain = c.prepareStatement("SELECT 1");
            PreparedStatement plainDriver = plain.unwrap(org.h2.jdbc.JdbcPreparedStatement.class);
            plain.close();

            try (PreparedStatement keys = c.prepareStatement("SELECT 1", java.sql.Statement.RETURN_GENERATED_KEYS)) {
                assertThat(keys.unwrap(org.h2.jdbc.JdbcPreparedStatement.class)).isNotSameAs(plainDriver);
            }
        }
    }

    @Test
    void reusedStatementStartsWithNoParametersAndNoOpenResultSet() throws SQLException {
        start(4);
        ResultSet leftOpen;
        try (Connection c = ds.getConnection()) {
            PreparedStatement ps = c.prepareStatement("SELECT CAST(? AS INT)");
            ps.setInt(1, 42);
            leftOpen = ps.executeQuery();
            ps.close();

            try (PreparedStatement again = c.prepareStatement("SELECT CAST(? AS INT)")) {
                assertThat(leftOpen.isClosed()).isTrue();
                assertThatThrownBy(again::executeQuery).isInstanceOf(SQLException.class)
                        .hasMessageContaining("#1");
                again.setInt(1, 7);
                try (ResultSet rs = again.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(7);
                }
            }
        }
    }

    @Test
    void leastRecentlyUsedStatementIsClosedWhenTheCacheIsFull() throws SQLException {
        start(2);

        PreparedStatement a = driverStatementOf("SELECT 1");
        PreparedStatement b = driverStatementOf("SELECT 2");
        assertThat(driverStatementOf("SELECT 1")).isSameAs(a);
        PreparedStatement c = driverStatementOf("SELECT 3");

        assertThat(b.isClosed()).isTrue();
        assertThat(a.isClosed()).isFalse();
        assertThat(c.isClosed()).isFalse();
    }

    @Test
    void statementWhoseSettingsTheBorrowerChangedIsClosedNotCached() throws SQLException {
        start(4);
        PreparedStatement driver;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT 1")) {
            ps.setMaxRows(1);
            driver = ps.unwrap(org.h2.jdbc.JdbcPreparedStatement.class);
        }

        assertThat(driver.isClosed()).isTrue();
        assertThat(driverStatementOf("SELECT 1")).isNotSameAs(driver);
    }

    @Test
    void sameSqlOpenTwiceAtOnceGetsTwoDriverStatements() throws SQLException {
        start(4);
        try (Connection c = ds.getConnection();
             PreparedStatement one = c.prepareStatement("SELECT 1");
             PreparedStatement two = c.prepareStatement("SELECT 1")) {
            assertThat(one.unwrap(org.h2.jdbc.JdbcPreparedStatement.class))
                    .isNotSameAs(two.unwrap(org.h2.jdbc.JdbcPreparedStatement.class));
        }
    }

    @Test
    void statementFromAnEarlierLeaseCannotTouchTheCachedDriverStatement() throws SQLException {
        start(4);
        PreparedStatement stale;
        try (Connection c = ds.getConnection()) {
            stale = c.prepareStatement("SELECT 1");
        }
        try (Connection c = ds.getConnection(); PreparedStatement current = c.prepareStatement("SELECT 1")) {
            assertThatThrownBy(stale::executeQuery).isInstanceOf(SQLException.class).hasMessageContaining("closed");
            try (ResultSet rs = current.executeQuery()) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void cachedStatementsAreClosedWithTheirConnection() throws SQLException {
        start(4);
        PreparedStatement cached = driverStatementOf("SELECT 1");

        ds.close();

        assertThat(cached.isClosed()).isTrue();
    }
}
