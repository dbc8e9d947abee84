package dev.lagoon.server.client;

import dev.lagoon.phantomdb.Column;
import dev.lagoon.phantomdb.PhantomDB;
import dev.lagoon.phantomdb.PhantomDBException;
import dev.lagoon.phantomdb.PhantomDBPool;
import dev.lagoon.phantomdb.PhantomDBPoolConfig;
import dev.lagoon.phantomdb.QueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads through one pool against the real server: nothing is lost, nothing is counted
 * twice. Transactions that hit a lock conflict (HTTP 409) are rolled back and retried, as a
 * PhantomDB application would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PoolConcurrencyContract {
    private static final int MAX_ATTEMPTS = 200;
    /**
     * Each open server transaction holds one of the server's backend connections, and by
     * default the server keeps one of its ten for other work (beyond that it answers 503
     * TOO_MANY_TRANSACTIONS). The transaction tests therefore borrow from a pool of 8 clients,
     * so the client pool, not the server, is what makes the threads wait.
     */
    private static final int TRANSACTION_POOL_SIZE = 8;

    private LiveServer server;
    private PhantomDBPool pool;
    private String d;

    abstract ServerBackend backend();

    @BeforeAll
    void startServer() {
        backend().requireReachable();
        server = LiveServer.start(backend());
    }

    @BeforeEach
    void newPoolAndDatabase() {
        newPool(10);
        d = Names.database();
        try (PhantomDB c = pool.acquire()) {
            c.createDatabase(d);
        }
    }

    private void newPool(int max) {
        if (pool != null) {
            pool.close();
        }
        pool = PhantomDBPool.create(PhantomDBPoolConfig.builder().baseUrl(server.baseUrl())
                .maxConnections(max).acquireTimeout(Duration.ofSeconds(60)).build());
    }

    @AfterEach
    void dropDatabaseAndPool() {
        try (PhantomDB c = pool.acquire()) {
            c.dropDatabase(d);
        } finally {
            pool.close();
            pool = null;
        }
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Runs {@code threads} tasks that start together and returns their results. */
    private static <T> List<T> together(int threads, Function<Integer, T> task) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = t;
                Callable<T> c = () -> {
                    go.await();
                    return task.apply(n);
                };
                futures.add(executor.submit(c));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(5, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    private long single(PhantomDB c, String sql) {
        QueryResult r = c.executeQuery(d, sql);
        assertThat(r.records()).hasSize(1);
        Object v = r.records().get(0).values().iterator().next();
        return ((Number) v).longValue();
    }

    private static boolean retryable(PhantomDBException e) {
        return e.statusCode() == 409;
    }

    private static void rollbackQuietly(PhantomDB c, String tx) {
        try {
            c.rollbackTransaction(tx);
        } catch (PhantomDBException alreadyEnded) {
            // the server may have ended a transaction whose statement failed
        }
    }

    @Test
    void fiftyThreadsInsertingTwoHundredRowsEachThroughThePoolStoreExactlyTenThousandRows() throws Exception {
        try (PhantomDB c = pool.acquire()) {
            c.createTable(d, "events", List.of(Column.of("id", "int"), Column.of("worker", "int"), Column.of("seq", "int")));
        }

        List<Integer> inserted = together(50, worker -> {
            int count = 0;
            for (int seq = 0; seq < 200; seq++) {
                try (PhantomDB c = pool.acquire()) {
                    count += (int) c.insert(d, "events", Map.of("id", worker * 1000 + seq, "worker", worker, "seq", seq));
                }
            }
            return count;
        });

        assertThat(inserted).hasSize(50).allMatch(n -> n == 200);
        try (PhantomDB c = pool.acquire()) {
            assertThat(single(c, "SELECT COUNT(*) FROM \"events\"")).isEqualTo(10_000);
            assertThat(single(c, "SELECT COUNT(DISTINCT \"id\") FROM \"events\"")).isEqualTo(10_000);
            assertThat(c.executeQuery(d, "SELECT \"worker\", COUNT(*) AS n FROM \"events\" GROUP BY \"worker\"").records())
                    .hasSize(50)
                    .allSatisfy(r -> assertThat(((Number) valueIgnoringCase(r, "n")).longValue()).isEqualTo(200));
            assertThat(c.select(d, "events", "worker = 49 AND seq = 199")).hasSize(1);
        }
        assertThat(pool.getStatus().used()).isZero();
        assertThat(pool.getStatus().total()).isLessThanOrEqualTo(10);
    }

    private static Object valueIgnoringCase(Map<String, Object> row, String column) {
        for (Map.Entry<String, Object> e : row.entrySet()) {
            if (e.getKey().equalsIgnoreCase(column)) {
                return e.getValue();
            }
        }
        throw new AssertionError("no column " + column + " in " + row);
    }

    @Test
    void concurrentIncrementsInsideTransactionsLoseNothingAndRolledBackOnesLeaveNoTrace() throws Exception {
        try (PhantomDB c = pool.acquire()) {
            c.createTable(d, "counter", List.of(Column.of("id", "int"), Column.of("n", "int")));
            c.insert(d, "counter", Map.of("id", 1, "n", 0));
        }
        newPool(TRANSACTION_POOL_SIZE);

        List<Integer> committed = together(16, worker -> {
            int done = 0;
            for (int i = 0; i < 25; i++) {
                boolean rollBack = i == 12;
                for (int attempt = 1; ; attempt++) {
                    try (PhantomDB c = pool.acquire()) {
                        String tx = c.beginTransaction();
                        try {
                            c.inTransaction(tx).executeQuery(d, "UPDATE \"counter\" SET \"n\" = \"n\" + 1 WHERE \"id\" = 1");
                            if (rollBack) {
                                c.rollbackTransaction(tx);
                            } else {
                                c.commitTransaction(tx);
                                done++;
                            }
                            break;
                        } catch (PhantomDBException e) {
                            rollbackQuietly(c, tx);
                            if (!retryable(e) || attempt >= MAX_ATTEMPTS) {
                                throw e;
                            }
                        }
                    }
                }
            }
            return done;
        });

        int total = committed.stream().mapToInt(Integer::intValue).sum();
        assertThat(total).isEqualTo(16 * 24);
        try (PhantomDB c = pool.acquire()) {
            assertThat(c.select(d, "counter", "id = 1").get(0).get("n")).isEqualTo((long) total);
        }
    }

    @Test
    void concurrentCompareAndSetTransfersInsideTransactionsKeepEveryBalanceExact() throws Exception {
        int accounts = 8;
        try (PhantomDB c = pool.acquire()) {
            c.createTable(d, "accounts", List.of(Column.of("id", "int"), Column.of("balance", "int")));
            for (int a = 0; a < accounts; a++) {
                c.insert(d, "accounts", Map.of("id", a, "balance", 1000));
            }
        }
        newPool(TRANSACTION_POOL_SIZE);

        List<Map<Integer, Long>> deltas = together(12, worker -> {
            Random random = new Random(worker);
            Map<Integer, Long> mine = new HashMap<>();
            for (int i = 0; i < 20; i++) {
                int from = random.nextInt(accounts);
                int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
                int amount = 1 + random.nextInt(9);
                for (int attempt = 1; ; attempt++) {
                    if (transfer(from, to, amount)) {
                        mine.merge(from, (long) -amount, Long::sum);
                        mine.merge(to, (long) amount, Long::sum);
                        break;
                    }
                    assertThat(attempt).as("attempts for one transfer").isLessThan(MAX_ATTEMPTS);
                }
            }
            return mine;
        });

        Map<Integer, Long> expected = new HashMap<>();
        for (int a = 0; a < accounts; a++) {
            expected.put(a, 1000L);
        }
        deltas.forEach(m -> m.forEach((a, delta) -> expected.merge(a, delta, Long::sum)));
        try (PhantomDB c = pool.acquire()) {
            Map<Integer, Long> actual = new HashMap<>();
            for (Map<String, Object> r : c.select(d, "accounts")) {
                actual.put(((Long) r.get("id")).intValue(), (Long) r.get("balance"));
            }
            assertThat(actual).isEqualTo(expected);
            assertThat(actual.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1000L * accounts);
        }
    }

    /**
     * Moves {@code amount} in one transaction using only the contract's data calls: read both
     * balances, then update each with a condition on the balance just read (compare-and-set), in
     * id order. @return false if a concurrent change or a lock conflict made it roll back
     */
    private boolean transfer(int from, int to, int amount) {
        try (PhantomDB c = pool.acquire()) {
            String tx = c.beginTransaction();
            PhantomDB t = c.inTransaction(tx);
            try {
                int first = Math.min(from, to);
                int second = Math.max(from, to);
                for (int account : new int[] {first, second}) {
                    long balance = (Long) t.select(d, "accounts", "id = " + account).get(0).get("balance");
                    long next = account == from ? balance - amount : balance + amount;
                    long changed = t.update(d, "accounts", Map.of("balance", next),
                            "id = " + account + " AND balance = " + balance);
                    if (changed != 1) {
                        rollbackQuietly(c, tx);
                        return false;
                    }
                }
                c.commitTransaction(tx);
                return true;
            } catch (PhantomDBException e) {
                rollbackQuietly(c, tx);
                if (!retryable(e)) {
                    throw e;
                }
                return false;
            }
        }
    }
}
