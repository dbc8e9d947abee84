package dev.lagoon.server;

import dev.lagoon.server.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.lagoon.server.TestServer.enc;
import static dev.lagoon.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Transactions: begin, join by header or parameter, commit, roll back, expire, and isolation under concurrency. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionsTest {

    private static final String TX = "X-Transaction-Id";
    private TestServer api;
    private String db;
    private String t;

    @BeforeAll
    void start() {
        api = TestServer.start(b -> b.maxPoolSize(10));
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @BeforeEach
    void table() {
        db = api.createDatabase("tx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        t = "/databases/" + db + "/tables/accounts";
        api.createTable(db, "accounts", "id", "int", "balance", "int");
        api.insert(db, "accounts", Map.of("id", 1, "balance", 100));
    }

    private String begin(TestServer server) {
        Response r = server.post("/transactions", null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("transaction_id").asText();
    }

    private int balance(String... headers) {
        return api.get(t + "?condition=" + enc("id = 1"), headers).json().get("records").get(0).get("balance").asInt();
    }

    @Test
    void workInATransactionIsInvisibleOutsideUntilCommitted() {
        String id = begin(api);
        assertThat(api.put(t, json(Map.of("data", Map.of("balance", 50), "condition", "id = 1")), TX, id).status())
                .isEqualTo(200);
        assertThat(api.post(t, json(Map.of("id", 2, "balance", 7)), TX, id).status()).isEqualTo(201);

        assertThat(balance(TX, id)).isEqualTo(50);
        assertThat(balance()).isEqualTo(100);
        assertThat(api.rows(db, "accounts")).hasSize(1);

        Response commit = api.post("/transactions/" + id + "/commit", null);
        assertThat(commit.status()).isEqualTo(200);
        assertThat(commit.json().get("message").asText()).isEqualTo("Transaction committed");
        assertThat(balance()).isEqualTo(50);
        assertThat(api.rows(db, "accounts")).hasSize(2);
    }

    @Test
    void rollbackDiscardsTheWork() {
        String id = begin(api);
        api.put(t, json(Map.of("data", Map.of("balance", 0))), TX, id);
        api.delete(t + "?condition=true", TX, id);
        Response rollback = api.post("/transactions/" + id + "/rollback", null);
        assertThat(rollback.status()).isEqualTo(200);
        assertThat(rollback.json().get("message").asText()).isEqualTo("Transaction rolled back");
        assertThat(balance()).isEqualTo(100);
    }

    @Test
    void theTransactionIdParameterJoinsLikeTheHeader() {
        String id = begin(api);
        assertThat(api.put(t + "?transaction_id=" + id, json(Map.of("data", Map.of("balance", 1)))).status())
                .isEqualTo(200);
        assertThat(balance(TX, id)).isEqualTo(1);
        assertThat(balance()).isEqualTo(100);
        api.post("/transactions/" + id + "/commit", null);
        assertThat(balance()).isEqualTo(1);
    }

    @Test
    void aHeaderAndAParameterNamingDifferentTransactionsIs400() {
        String id = begin(api);
        Response r = api.get(t + "?transaction_id=other", TX, id);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).contains("different transactions");
        api.post("/transactions/" + id + "/rollback", null);
    }

    @Test
    void anEndedTransactionIs404SayingHowItEnded() {
        String committed = begin(api);
        api.post("/transactions/" + committed + "/commit", null);
        Response again = api.get(t, TX, committed);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.code()).isEqualTo("TRANSACTION_CLOSED");
        assertThat(again.error()).contains("already committed");
        assertThat(api.post("/transactions/" + committed + "/commit", null).status()).isEqualTo(404);

        String rolledBack = begin(api);
        api.post("/transactions/" + rolledBack + "/rollback", null);
        assertThat(api.post("/transactions/" + rolledBack + "/commit", null).error()).contains("already rolled back");
    }

    @Test
    void anIdleTransactionIsRolledBackAndItsIdAnswers404Expired() {
        try (TestServer quick = TestServer.start(b -> b.transactionTimeout(Duration.ofMillis(250)))) {
            quick.createDatabase("q");
            quick.createTable("q", "t", "id", "int");
            String id = begin(quick);
            assertThat(quick.post("/databases/q/tables/t", "{\"id\": 1}", TX, id).status()).isEqualTo(201);

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (quick.get("/stats").json().path("transactions").path("expired").asInt() < 1) {
                assertThat(System.nanoTime()).as("expired within 20 s").isLessThan(deadline);
            }
            Response late = quick.get("/databases/q/tables/t", TX, id);
            assertThat(late.status()).isEqualTo(404);
            assertThat(late.code()).isEqualTo("TRANSACTION_EXPIRED");
            assertThat(late.error()).contains("expired").contains("250 ms");
            assertThat(quick.rows("q", "t")).isEmpty();
            assertThat(quick.get("/stats").json().path("transactions").path("open").asInt()).isZero();
        }
    }

    @Test
    void transactionsAreCappedBelowThePoolSizeSoPlainRequestsStillGetAConnection() {
        try (TestServer small = TestServer.start(b -> b.minPoolSize(1).maxPoolSize(3))) {
            String a = begin(small);
            String b = begin(small);
            Response third = small.post("/transactions", null);
            assertThat(third.status()).isEqualTo(503);
            assertThat(third.code()).isEqualTo("TOO_MANY_TRANSACTIONS");
            assertThat(third.error()).contains("all 2 transaction slots");
            assertThat(small.get("/databases").status()).isEqualTo(200);
            small.post("/transactions/" + a + "/commit", null);
            String c = begin(small);
            small.post("/transactions/" + b + "/rollback", null);
            small.post("/transactions/" + c + "/rollback", null);
        }
    }

    @Test
    void concurrentIncrementsInTransactionsLoseNothing() throws Exception {
        int threads = 8;
        int each = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                results.add(pool.submit(() -> {
                    int done = 0;
                    for (int i = 0; i < each; i++) {
                        String id = begin(api);
                        Response locked = api.post("/databases/" + db + "/query", json(Map.of("query",
                                "SELECT \"balance\" FROM \"accounts\" WHERE \"id\" = 1 FOR UPDATE")), TX, id);
                        assertThat(locked.status()).as(locked.text()).isEqualTo(200);
                        int current = locked.json().get("records").get(0).get("balance").asInt();
                        Response upd = api.put(t, json(Map.of("data", Map.of("balance", current + 1),
                                "condition", "id = 1")), TX, id);
                        assertThat(upd.status()).as(upd.text()).isEqualTo(200);
                        assertThat(api.post("/transactions/" + id + "/commit", null).status()).isEqualTo(200);
                        done++;
                    }
                    return done;
                }));
            }
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(3, TimeUnit.MINUTES);
            }
            assertThat(total).isEqualTo(threads * each);
        } finally {
            pool.shutdownNow();
        }
        assertThat(balance()).isEqualTo(100 + threads * each);
        assertThat(api.get("/stats").json().path("transactions").path("open").asInt()).isZero();
    }
}
