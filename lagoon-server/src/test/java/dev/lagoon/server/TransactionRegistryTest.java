package dev.lagoon.server;

import dev.lagoon.server.internal.ApiException;
import dev.lagoon.server.internal.ErrorCode;
import dev.lagoon.server.internal.tx.TransactionRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The transaction registry on real H2 connections, with time moved by the test: expiry after
 * the idle timeout (and never while in use), one request at a time per transaction, slots,
 * and what a late request is told.
 */
class TransactionRegistryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Connection> opened = new ArrayList<>();
    private String url;
    private TransactionRegistry registry;

    @BeforeEach
    void setUp() throws SQLException {
        url = TestServer.freshH2();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id INT)");
        }
        registry = new TransactionRegistry(this::connect, TIMEOUT, 2, Duration.ofMillis(200), now::get);
    }

    @AfterEach
    void tearDown() throws SQLException {
        registry.rollbackAll(Duration.ofSeconds(1));
        for (Connection c : opened) {
            assertThat(c.isClosed()).as("every leased connection was given back").isTrue();
        }
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, "sa", "");
        opened.add(c);
        return c;
    }

    private int committedRows() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void insert(String id) throws SQLException {
        registry.use(id, c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("INSERT INTO t VALUES (1)");
            }
        });
    }

    private static ApiException refusal(ThrowingRunnable r) {
        return catchThrowableOfType(ApiException.class, r::run);
    }

    private static void hold(CountDownLatch leave) {
        try {
            assertThat(leave.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aTransactionHoldsItsConnectionWithAutoCommitOff() throws Exception {
        String id = registry.begin();
        assertThat(registry.use(id, Connection::getAutoCommit)).isFalse();
        insert(id);
        assertThat(committedRows()).isZero();
        registry.commit(id);
        assertThat(committedRows()).isEqualTo(1);
        assertThat(opened.get(0).isClosed()).isTrue();
        assertThat(registry.stats().committed()).isEqualTo(1);
    }

    @Test
    void itExpiresOnlyAfterBeingIdleLongerThanTheTimeout() throws Exception {
        String id = registry.begin();
        insert(id);
        now.addAndGet(TIMEOUT.toNanos());
        assertThat(registry.expireIdle()).as("exactly at the timeout").isZero();
        now.addAndGet(1);
        assertThat(registry.expireIdle()).isEqualTo(1);

        ApiException late = refusal(() -> insert(id));
        assertThat(late.code()).isEqualTo(ErrorCode.TRANSACTION_EXPIRED);
        assertThat(late.getMessage()).contains("expired").contains("60 s").contains("rolled back");
        assertThat(committedRows()).isZero();
        assertThat(registry.stats().expired()).isEqualTo(1);
        assertThat(registry.stats().open()).isZero();
    }

    @Test
    void eachUseRestartsTheIdleClock() throws Exception {
        String id = registry.begin();
        now.addAndGet(TIMEOUT.toNanos() - 1);
        insert(id);
        now.addAndGet(TIMEOUT.toNanos() - 1);
        assertThat(registry.expireIdle()).isZero();
        registry.commit(id);
        assertThat(committedRows()).isEqualTo(1);
    }

    @Test
    void aTransactionInUseIsNeverExpired() throws Exception {
        String id = registry.begin();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        CompletableFuture<Integer> busy = CompletableFuture.supplyAsync(() -> {
            try {
                return registry.use(id, c -> {
                    inside.countDown();
                    hold(leave);
                    return 1;
                });
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
        now.addAndGet(TIMEOUT.toNanos() * 10);
        assertThat(registry.expireIdle()).isZero();
        leave.countDown();
        assertThat(busy.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(registry.expireIdle()).as("just used, so idle for zero time").isZero();
        registry.rollback(id);
    }

    @Test
    void aSecondRequestForABusyTransactionGets409AfterWaiting() throws Exception {
        String id = registry.begin();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            try {
                registry.use(id, c -> {
                    inside.countDown();
                    hold(leave);
                    return null;
                });
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
        ApiException busy = refusal(() -> insert(id));
        assertThat(busy.code()).isEqualTo(ErrorCode.TRANSACTION_BUSY);
        assertThat(busy.getMessage()).contains("200 ms");
        leave.countDown();
        first.get(30, TimeUnit.SECONDS);
        insert(id);
        registry.rollback(id);
    }

    @Test
    void slotsAreLimitedAndFreedWhenATransactionEnds() throws Exception {
        String a = registry.begin();
        String b = registry.begin();
        ApiException full = refusal(() -> registry.begin());
        assertThat(full.code()).isEqualTo(ErrorCode.TOO_MANY_TRANSACTIONS);
        registry.rollback(a);
        String c = registry.begin();
        assertThat(registry.stats().open()).isEqualTo(2);
        registry.rollback(b);
        registry.rollback(c);
    }

    @Test
    void aFailedLeaseGivesTheSlotBack() throws Exception {
        TransactionRegistry failing = new TransactionRegistry(() -> {
            throw new SQLException("backend down", "08001");
        }, TIMEOUT, 1, Duration.ofMillis(100), now::get);
        for (int i = 0; i < 3; i++) {
            SQLException e = catchThrowableOfType(SQLException.class, failing::begin);
            assertThat(e.getMessage()).isEqualTo("backend down");
        }
        assertThat(failing.stats().open()).isZero();
    }

    @Test
    void lateRequestsAreToldHowTheTransactionEnded() throws Exception {
        String committed = registry.begin();
        registry.commit(committed);
        assertThat(refusal(() -> registry.commit(committed)).getMessage()).contains("already committed");
        String rolledBack = registry.begin();
        registry.rollback(rolledBack);
        assertThat(refusal(() -> registry.rollback(rolledBack)).code()).isEqualTo(ErrorCode.TRANSACTION_CLOSED);
        assertThat(refusal(() -> insert("never-issued")).code()).isEqualTo(ErrorCode.TRANSACTION_NOT_FOUND);
    }

    @Test
    void shutdownRollsBackEveryOpenTransaction() throws Exception {
        String a = registry.begin();
        String b = registry.begin();
        insert(a);
        insert(b);
        assertThat(registry.rollbackAll(Duration.ofSeconds(1))).isEqualTo(2);
        assertThat(committedRows()).isZero();
        assertThat(refusal(() -> insert(a)).getMessage()).contains("rolled back when the server shut down");
    }
}
