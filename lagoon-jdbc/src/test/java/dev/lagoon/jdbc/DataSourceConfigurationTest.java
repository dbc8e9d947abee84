package dev.lagoon.jdbc;

import dev.lagoon.Fairness;
import dev.lagoon.PoolConfig;
import dev.lagoon.jdbc.testkit.FakeJdbc;
import dev.lagoon.jdbc.testkit.H2;
import dev.lagoon.jdbc.testkit.RecordingListener;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataSourceConfigurationTest {

    private static final String H2_DATA_SOURCE = "org.h2.jdbcx.JdbcDataSource";

    private final List<LagoonDataSource> opened = new ArrayList<>();

    private LagoonDataSource track(LagoonDataSource ds) {
        opened.add(ds);
        return ds;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(LagoonDataSource::close);
    }

    @Test
    void builderPassesEveryCoreOptionToThePool() {
        RecordingListener listener = new RecordingListener();
        LagoonDataSource ds = track(LagoonDataSource.builder()
                .jdbcUrl(H2.newMemoryUrl())
                .minSize(1).maxSize(7).initialSize(3)
                .acquireTimeout(Duration.ofMillis(1234)).idleTimeout(Duration.ofSeconds(77))
                .maxLifetime(Duration.ofMinutes(9)).maxBorrows(55)
                .validateOnAcquire(false).validateOnRelease(true)
                .validationTimeout(Duration.ofMillis(876)).validationBypassWindow(Duration.ofMillis(12))
                .maxWaitQueueSize(33).fairness(Fairness.BARGING).maxConcurrentCreates(4)
                .maintenanceInterval(Duration.ofSeconds(3)).leakDetectionThreshold(Duration.ofSeconds(8))
                .creationBackoffInitial(Duration.ofMillis(5)).creationBackoffMax(Duration.ofMillis(700))
                .failFast(true).poolName("configured").listener(listener)
                .build());

        PoolConfig c = ds.poolConfig();

        assertCoreOptions(c, listener);
    }

    @Test
    void javaBeanSettersPassEveryCoreOptionToThePool() {
        RecordingListener listener = new RecordingListener();
        LagoonDataSource ds = track(new LagoonDataSource());
        ds.setJdbcUrl(H2.newMemoryUrl());
        ds.setMinSize(1);
        ds.setMaxSize(7);
        ds.setInitialSize(3);
        ds.setAcquireTimeout(Duration.ofMillis(1234));
        ds.setIdleTimeout(Duration.ofSeconds(77));
        ds.setMaxLifetime(Duration.ofMinutes(9));
        ds.setMaxBorrows(55);
        ds.setValidateOnAcquire(false);
        ds.setValidateOnRelease(true);
        ds.setValidationTimeout(Duration.ofMillis(876));
        ds.setValidationBypassWindow(Duration.ofMillis(12));
        ds.setMaxWaitQueueSize(33);
        ds.setFairness(Fairness.BARGING);
        ds.setMaxConcurrentCreates(4);
        ds.setMaintenanceInterval(Duration.ofSeconds(3));
        ds.setLeakDetectionThreshold(Duration.ofSeconds(8));
        ds.setCreationBackoffInitial(Duration.ofMillis(5));
        ds.setCreationBackoffMax(Duration.ofMillis(700));
        ds.setFailFast(true);
        ds.setPoolName("configured");
        ds.addPoolListener(listener);

        ds.start();

        assertCoreOptions(ds.poolConfig(), listener);
        assertThat(ds.status().total()).isEqualTo(3);
    }

    private static void assertCoreOptions(PoolConfig c, RecordingListener listener) {
        assertThat(c.minSize()).isEqualTo(1);
        assertThat(c.maxSize()).isEqualTo(7);
        assertThat(c.initialSize()).isEqualTo(3);
        assertThat(c.acquireTimeout()).isEqualTo(Duration.ofMillis(1234));
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(77));
        assertThat(c.maxLifetime()).isEqualTo(Duration.ofMinutes(9));
        assertThat(c.maxBorrows()).isEqualTo(55);
        assertThat(c.validateOnAcquire()).isFalse();
        assertThat(c.validateOnRelease()).isTrue();
        assertThat(c.validationTimeout()).isEqualTo(Duration.ofMillis(876));
        assertThat(c.validationBypassWindow()).isEqualTo(Duration.ofMillis(12));
        assertThat(c.maxWaitQueueSize()).isEqualTo(33);
        assertThat(c.fairness()).isEqualTo(Fairness.BARGING);
        assertThat(c.maxConcurrentCreates()).isEqualTo(4);
        assertThat(c.maintenanceInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.leakDetectionThreshold()).isEqualTo(Duration.ofSeconds(8));
        assertThat(c.creationBackoffInitial()).isEqualTo(Duration.ofMillis(5));
        assertThat(c.creationBackoffMax()).isEqualTo(Duration.ofMillis(700));
        assertThat(c.failFast()).isTrue();
        assertThat(c.name()).isEqualTo("configured");
        assertThat(c.listeners()).contains(listener);
    }

    @Test
    void poolStartsLazilyOnTheFirstGetConnection() throws SQLException {
        LagoonDataSource ds = track(new LagoonDataSource());
        ds.setJdbcUrl(H2.newMemoryUrl());
        ds.setMinSize(0);

        assertThat(ds.isStarted()).isFalse();
        assertThat(ds.status().total()).isZero();
        try (Connection c = ds.getConnection()) {
            assertThat(c.isValid(1)).isTrue();
        }
        assertThat(ds.isStarted()).isTrue();
        assertThat(ds.status().total()).isEqualTo(1);
    }

    @Test
    void settersThrowOnceThePoolHasStarted() {
        LagoonDataSource ds = track(new LagoonDataSource());
        ds.setJdbcUrl(H2.newMemoryUrl());
        ds.start();

        assertThatThrownBy(() -> ds.setMaxSize(3))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("frozen").hasMessageContaining("maxSize");
        assertThatThrownBy(() -> ds.setJdbcUrl("jdbc:h2:mem:other")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void builtDataSourceIsFrozenButStartsOnlyWhenFirstUsed() throws SQLException {
        LagoonDataSource ds = track(LagoonDataSource.builder().jdbcUrl(H2.newMemoryUrl()).minSize(0).build());

        assertThat(ds.isStarted()).isFalse();
        assertThatThrownBy(() -> ds.setMinSize(1)).isInstanceOf(IllegalStateException.class);
        try (Connection c = ds.getConnection()) {
            assertThat(c.isClosed()).isFalse();
        }
        assertThat(ds.isStarted()).isTrue();
    }

    @Test
    void invalidOptionsAreRejectedNamingTheValueAndTheRange() {
        assertThatThrownBy(() -> LagoonDataSource.builder().jdbcUrl(H2.newMemoryUrl()).minSize(20).maxSize(10).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("minSize (20) must not exceed maxSize (10)");
        assertThatThrownBy(() -> LagoonDataSource.builder().jdbcUrl(H2.newMemoryUrl()).statementCacheSize(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("statementCacheSize (-1) must be between 0 (off) and 10000");
        assertThatThrownBy(() -> LagoonDataSource.builder().jdbcUrl(H2.newMemoryUrl()).transactionIsolation("SOMETIMES").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transactionIsolation (SOMETIMES)");
        assertThatThrownBy(() -> LagoonDataSource.builder().transactionIsolation(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transactionIsolation (3)");
        assertThatThrownBy(() -> LagoonDataSource.builder().validationQuery("  ").jdbcUrl(H2.newMemoryUrl()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validationQuery");
    }

    @Test
    void exactlyOneConnectionSourceMustBeConfigured() {
        assertThatThrownBy(() -> LagoonDataSource.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none is set");
        assertThatThrownBy(() -> LagoonDataSource.builder().jdbcUrl(H2.newMemoryUrl())
                .dataSourceClassName(H2_DATA_SOURCE).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 are set");
        assertThatThrownBy(() -> LagoonDataSource.builder().dataSource(new FakeJdbc().dataSource())
                .driverClassName("org.h2.Driver").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("driverClassName");
    }

    @Test
    void usernameAndCredentialsProviderExcludeEachOther() {
        assertThatThrownBy(() -> LagoonDataSource.builder().jdbcUrl(H2.newMemoryUrl()).username("sa")
                .credentialsProvider(CredentialsProvider.fixed("sa", "")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credentialsProvider");
    }

    @Test
    void getConnectionReportsInvalidOptionsAsSqlExceptionWithTheCause() {
        LagoonDataSource ds = track(new LagoonDataSource());
        ds.setJdbcUrl(H2.newMemoryUrl());
        ds.setMaxSize(0);

        assertThatThrownBy(ds::getConnection)
                .isInstanceOf(SQLNonTransientException.class)
                .hasMessageContaining("maxSize (0)")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void getConnectionWithUserAndPasswordIsRefusedAsUnsupported() {
        LagoonDataSource ds = track(LagoonDataSource.builder().jdbcUrl(H2.newMemoryUrl()).build());

        assertThatThrownBy(() -> ds.getConnection("someone", "secret"))
                .isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessageContaining("CredentialsProvider")
                .hasMessageNotContaining("secret");
    }

    @Test
    void vendorDataSourceClassIsConfiguredThroughItsSetters() throws Exception {
        LagoonDataSource ds = track(new LagoonDataSource());
        ds.setDataSourceClassName(H2_DATA_SOURCE);
        ds.addDataSourceProperty("url", H2.newMemoryUrl());
        ds.addDataSourceProperty("user", "sa");
        ds.setMinSize(0);

        try (Connection c = ds.getConnection()) {
            assertThat(c.getMetaData().getUserName()).isEqualToIgnoringCase("sa");
        }
        Class<?> vendorType = Class.forName(H2_DATA_SOURCE);
        assertThat(ds.unwrap(vendorType)).isInstanceOf(vendorType);
        assertThat(ds.isWrapperFor(vendorType)).isTrue();
    }

    @Test
    void unknownVendorPropertyIsRejectedByName() {
        assertThatThrownBy(() -> LagoonDataSource.builder().dataSourceClassName(H2_DATA_SOURCE)
                .dataSourceProperty("noSuchThing", "1").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'noSuchThing'");
    }

    @Test
    void namedDriverClassIsUsedForTheUrl() throws SQLException {
        LagoonDataSource ds = track(LagoonDataSource.builder().jdbcUrl(H2.newMemoryUrl())
                .driverClassName("org.h2.Driver").minSize(0).build());

        try (Connection c = ds.getConnection()) {
            assertThat(c.getMetaData().getDriverName()).containsIgnoringCase("H2");
        }
        assertThatThrownBy(() -> LagoonDataSource.builder().jdbcUrl(H2.newMemoryUrl())
                .driverClassName("no.such.Driver").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no.such.Driver");
    }

    @Test
    void urlWithoutAnyDriverIsRejectedWithTheUrlMasked() {
        assertThatThrownBy(() -> LagoonDataSource.builder().jdbcUrl("jdbc:nosuchdb://h/db?password=topsecret").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no registered JDBC driver")
                .hasMessageContaining("password=<masked>")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void toStringShowsPoolAndTargetButNeverThePassword() {
        LagoonDataSource ds = track(new LagoonDataSource());
        ds.setJdbcUrl("jdbc:h2:mem:x;PASSWORD=urlsecret");
        ds.setUsername("bob");
        ds.setPassword("fieldsecret");
        ds.setPoolName("shown");

        assertThat(ds.toString()).contains("shown", "bob", "jdbc:h2:mem:x;PASSWORD=<masked>")
                .doesNotContain("urlsecret", "fieldsecret");
    }

    @Test
    void statusAndPoolNameAreAvailableBeforeAndAfterStart() throws SQLException {
        LagoonDataSource ds = track(LagoonDataSource.builder().jdbcUrl(H2.newMemoryUrl())
                .minSize(1).maxSize(4).poolName("status-pool").build());

        assertThat(ds.getPoolName()).isEqualTo("status-pool");
        assertThat(ds.status().max()).isEqualTo(4);
        assertThat(ds.status().total()).isZero();
        try (Connection c = ds.getConnection()) {
            assertThat(ds.status().used()).isEqualTo(1);
        }
        assertThat(ds.status().available()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void unnamedDataSourcesGetDistinctNames() {
        assertThat(new LagoonDataSource().getPoolName()).startsWith("lagoon-jdbc-")
                .isNotEqualTo(new LagoonDataSource().getPoolName());
    }

    @Test
    void closedDataSourceRefusesConnectionsAndCannotStartAgain() throws SQLException {
        LagoonDataSource ds = track(LagoonDataSource.builder().jdbcUrl(H2.newMemoryUrl()).minSize(0).build());
        ds.getConnection().close();

        ds.close();

        assertThat(ds.isClosed()).isTrue();
        assertThatThrownBy(ds::getConnection).isInstanceOf(SQLNonTransientConnectionException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08003");
        assertThatThrownBy(ds::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void dataSourceClosedBeforeStartingNeverStarts() {
        LagoonDataSource ds = track(new LagoonDataSource());
        ds.setJdbcUrl(H2.newMemoryUrl());

        ds.close();

        assertThatThrownBy(ds::getConnection).isInstanceOf(SQLNonTransientConnectionException.class);
        assertThat(ds.isStarted()).isFalse();
    }
}
