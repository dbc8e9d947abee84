package dev.lagoon.server;

import dev.lagoon.server.TestServer.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.lagoon.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code close()}: stop taking requests, finish the ones in flight, roll back open transactions, close the pool. */
class GracefulCloseTest {

    /**
     * A gate an in-flight SQL call waits at: H2 calls {@link #pass()} through a Java function
     * alias, so a request can be held inside the server for as long as the test wants.
     */
    public static final class Gate {
        static volatile CountDownLatch entered = new CountDownLatch(1);
        static volatile CountDownLatch release = new CountDownLatch(1);

        private Gate() {
        }

        /** @return 42, once the test opens the gate */
        public static int pass() throws InterruptedException {
            entered.countDown();
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
            return 42;
        }
    }

    @Test
    void inFlightRequestsFinishWhileNewOnesAreRefused() throws Exception {
        Gate.entered = new CountDownLatch(1);
        Gate.release = new CountDownLatch(1);
        TestServer api = TestServer.start();
        api.createDatabase("g");
        assertThat(api.post("/databases/g/query", json(Map.of("query",
                "CREATE ALIAS GATE_PASS FOR \"" + Gate.class.getName() + ".pass\""))).status()).isEqualTo(200);

        CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(
                () -> api.post("/databases/g/query", json(Map.of("query", "SELECT GATE_PASS() AS answer"))));
        assertThat(Gate.entered.await(30, TimeUnit.SECONDS)).as("the request reached the backend").isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(api::close);
        awaitRefusal(api);
        assertThat(closing).as("close waits for the request in flight").isNotDone();
        assertThat(inFlight).isNotDone();

        Gate.release.countDown();
        Response finished = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(finished.status()).isEqualTo(200);
        assertThat(finished.json().get("records").get(0).get("ANSWER").asInt()).isEqualTo(42);
        closing.get(30, TimeUnit.SECONDS);
        assertThat(refused(api)).isTrue();
    }

    /** Bounded polling until a new request is turned away (503 or no longer accepted). */
    private static void awaitRefusal(TestServer api) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!refused(api)) {
            assertThat(System.nanoTime()).as("new requests refused within 30 s").isLessThan(deadline);
        }
    }

    private static boolean refused(TestServer api) {
        try {
            Response r = api.get("/");
            if (r.status() == 503) {
                assertThat(r.code()).isEqualTo("SHUTTING_DOWN");
                assertThat(r.error()).isEqualTo("the server is shutting down");
                return true;
            }
            return false;
        } catch (UncheckedIOException e) {
            return e.getCause() instanceof IOException;
        }
    }

    @Test
    void openTransactionsAreRolledBackAndCommittedWorkStays() throws Exception {
        String url = TestServer.freshH2();
        TestServer api = TestServer.start(b -> b.jdbcUrl(url));
        api.createDatabase("keep");
        api.createTable("keep", "t", "id", "int");
        api.insert("keep", "t", Map.of("id", 1));
        String open = api.post("/transactions", null).json().get("transaction_id").asText();
        assertThat(api.post("/databases/keep/tables/t", "{\"id\": 2}", "X-Transaction-Id", open).status())
                .isEqualTo(201);
        assertThat(api.get("/databases/keep/tables/t", "X-Transaction-Id", open).json().get("count").asInt())
                .isEqualTo(2);

        api.close();

        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"id\" FROM \"keep\".\"t\" ORDER BY \"id\"")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.next()).as("the open transaction's row was rolled back").isFalse();
        }
    }

    @Test
    void closeIsIdempotentAndTheServerStopsListening() {
        TestServer api = TestServer.start();
        assertThat(api.get("/health").status()).isEqualTo(200);
        api.close();
        api.close();
        assertThat(refused(api)).isTrue();
    }
}
