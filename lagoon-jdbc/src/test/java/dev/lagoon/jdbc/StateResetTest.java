package dev.lagoon.jdbc;

import dev.lagoon.jdbc.testkit.FakeJdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** What the pool does to a physical connection when a borrower returns it (a fake driver records every call). */
class StateResetTest {

    private final FakeJdbc fake = new FakeJdbc();
    private LagoonDataSource ds;

    private LagoonDataSource.Builder builder() {
        return LagoonDataSource.builder().dataSource(fake.dataSource()).minSize(0).maxSize(1)
                .validateOnAcquire(false).acquireTimeout(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        if (ds != null) {
            ds.close();
        }
    }

    /** Borrows, lets {@code borrower} act, and returns the calls the pool made on the return. */
    private List<String> callsOnReturn(BorrowerAction borrower) throws SQLException {
        Connection c = ds.getConnection();
        borrower.act(c);
        int mark = fake.callCount();
        c.close();
        return fake.callsOn(1, mark);
    }

    private interface BorrowerAction {
        void act(Connection c) throws SQLException;
    }

    /** The state-changing calls, leaving out the network timeout that bounds the reset itself. */
    private static List<String> setters(List<String> calls) {
        return calls.stream().filter(c -> !c.startsWith("setNetworkTimeout"))
                .filter(c -> c.startsWith("set") || c.startsWith("rollback") || c.startsWith("commit")).toList();
    }

    @Test
    void resetThatTalksToTheServerIsBoundedByTheValidationTimeout() throws SQLException {
        ds = builder().validationTimeout(Duration.ofMillis(1500)).build();

        List<String> calls = callsOnReturn(c -> c.setAutoCommit(false));

        List<String> ordered = calls.stream().filter(c -> c.startsWith("set") || c.startsWith("rollback")).toList();
        assertThat(ordered).hasSize(4);
        assertThat(ordered.get(0)).startsWith("setNetworkTimeout").endsWith(", 1500)");
        assertThat(ordered.subList(1, 3)).containsExactly("rollback()", "setAutoCommit(true)");
        assertThat(ordered.get(3)).startsWith("setNetworkTimeout").endsWith(", 0)");
    }

    @Test
    void untouchedConnectionGetsNoResetCallsOnReturn() throws SQLException {
        ds = builder().build();

        List<String> calls = callsOnReturn(c -> c.getAutoCommit());

        assertThat(setters(calls)).isEmpty();
        assertThat(calls).contains("clearWarnings()");
    }

    @Test
    void aLeaseThatNeverReachedTheDriverIsReturnedWithoutADriverCall() throws SQLException {
        ds = builder().autoCommit(false).build();

        assertThat(callsOnReturn(c -> { })).isEmpty();
        // any call reaches the driver and may start a transaction: then the return rolls back
        assertThat(callsOnReturn(c -> c.isReadOnly())).contains("rollback()", "clearWarnings()");
        assertThat(callsOnReturn(c -> c.isValid(1))).contains("rollback()");
        assertThat(callsOnReturn(c -> { })).isEmpty();
    }

    @Test
    void twoThreadsClosingOneConnectionAtOnceResetAndReturnItOnce() throws Exception {
        ds = builder().autoCommit(false).build();
        int rounds = 400;
        for (int i = 0; i < rounds; i++) {
            Connection c = ds.getConnection();
            if (i % 2 == 0) {
                c.isReadOnly(); // a used lease: its return rolls back
            }
            CyclicBarrier bothReady = new CyclicBarrier(2);
            AtomicReference<Throwable> otherFailed = new AtomicReference<>();
            Thread other = new Thread(() -> {
                try {
                    awaitQuietly(bothReady);
                    closeQuietly(c);
                } catch (Throwable t) {
                    otherFailed.set(t);
                }
            });
            other.start();
            awaitQuietly(bothReady);
            c.close();
            other.join(10_000);
            assertThat(other.isAlive()).as("round %d: the second closer finished", i).isFalse();
            assertThat(otherFailed.get()).as("round %d: the second closer's failure", i).isNull();
            assertThat(ds.status().used()).as("round %d", i).isZero();
            assertThat(ds.status().available()).as("round %d", i).isEqualTo(1);
        }
        long rollbacks = fake.callsOn(1, 0).stream().filter("rollback()"::equals).count();
        assertThat(rollbacks).isEqualTo(rounds / 2);
        assertThat(fake.connectionsOpened()).isEqualTo(1);
    }

    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void returnRestoresOnlyTheSettingTheBorrowerChanged() throws SQLException {
        ds = builder().build();

        List<String> calls = callsOnReturn(c -> c.setReadOnly(true));

        assertThat(setters(calls)).containsExactly("setReadOnly(false)");
    }

    @Test
    void settingChangedAndChangedBackNeedsNoRestore() throws SQLException {
        ds = builder().build();

        List<String> calls = callsOnReturn(c -> {
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        });

        assertThat(setters(calls)).isEmpty();
    }

    @Test
    void everyChangedSettingIsRestoredToWhatTheConnectionHadBefore() throws SQLException {
        ds = builder().build();

        List<String> calls = callsOnReturn(c -> {
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            c.setCatalog("othercat");
            c.setSchema("otherschema");
            c.setNetworkTimeout(Runnable::run, 1234);
        });

        assertThat(setters(calls)).contains("setTransactionIsolation(2)", "setCatalog(fakecat)", "setSchema(fakeschema)");
        assertThat(calls).last().asString().startsWith("setNetworkTimeout").endsWith(", 0)");
        Connection raw = fake.connection(1);
        assertThat(raw.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        assertThat(raw.getCatalog()).isEqualTo("fakecat");
        assertThat(raw.getSchema()).isEqualTo("fakeschema");
        assertThat(raw.getNetworkTimeout()).isZero();
    }

    @Test
    void uncommittedWorkIsRolledBackBeforeAutoCommitIsRestored() throws SQLException {
        ds = builder().build();

        List<String> calls = callsOnReturn(c -> {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO t VALUES (1)");
            }
        });

        assertThat(setters(calls)).containsSubsequence("rollback()", "setAutoCommit(true)");
    }

    @Test
    void noRollbackWhenRollbackOnReturnIsOff() throws SQLException {
        ds = builder().rollbackOnReturn(false).build();

        List<String> calls = callsOnReturn(c -> c.setAutoCommit(false));

        assertThat(setters(calls)).containsExactly("setAutoCommit(true)");
    }

    @Test
    void poolWithAutoCommitOffRollsBackEveryLeaseThatReachedTheDriver() throws SQLException {
        ds = builder().autoCommit(false).build();

        List<String> calls = callsOnReturn(c -> c.getWarnings());

        assertThat(setters(calls)).containsExactly("rollback()");
    }

    @Test
    void configuredDefaultsAreAppliedToEveryNewConnection() throws SQLException {
        ds = builder().autoCommit(false).transactionIsolation("SERIALIZABLE").readOnly(true)
                .catalog("cat2").schema("schema2").build();

        try (Connection c = ds.getConnection()) {
            assertThat(c.getAutoCommit()).isFalse();
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(c.isReadOnly()).isTrue();
            assertThat(c.getCatalog()).isEqualTo("cat2");
            assertThat(c.getSchema()).isEqualTo("schema2");
        }
    }

    @Test
    void borrowerChangesAreUndoneBackToTheConfiguredDefaults() throws SQLException {
        ds = builder().transactionIsolation("SERIALIZABLE").schema("schema2").build();
        try (Connection c = ds.getConnection()) {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
            c.setSchema("elsewhere");
        }

        try (Connection c = ds.getConnection()) {
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(c.getSchema()).isEqualTo("schema2");
        }
    }

    @Test
    void connectionInitSqlRunsOncePerNewConnection() throws SQLException {
        ds = builder().connectionInitSql("SET search_path TO app").build();

        for (int i = 0; i < 3; i++) {
            ds.getConnection().close();
        }

        assertThat(fake.callsOn(1, 0)).filteredOn(c -> c.contains("SET search_path TO app"))
                .containsExactly("stmt.execute(SET search_path TO app)");
    }

    @Test
    void changesMadeThroughTheUnwrappedDriverConnectionAreUndoneToo() throws SQLException {
        ds = builder().build();

        try (Connection c = ds.getConnection()) {
            Connection raw = c.unwrap(fake.connection(1).getClass());
            assertThat(raw).isSameAs(fake.connection(1));
            raw.setSchema("sneaky");
            raw.setReadOnly(true);
        }

        Connection raw = fake.connection(1);
        assertThat(raw.getSchema()).isEqualTo("fakeschema");
        assertThat(raw.isReadOnly()).isFalse();
    }
}
