package dev.lagoon.phantomdb;

import dev.lagoon.phantomdb.StubServer.Reply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How every way a call can fail reaches the caller. */
class PhantomDBErrorsTest {

    @Test
    void anUnreachableServerIsAConnectionErrorNamingServerAndRequest() throws Exception {
        String url = "http://127.0.0.1:" + StubServer.closedPort();
        try (PhantomDB db = PhantomDB.connect(url)) {
            PhantomDBException e = catchThrowableOfType(PhantomDBException.class, db::listDatabases);

            assertThat(e.kind()).isEqualTo(PhantomDBException.Kind.CONNECTION);
            assertThat(e.isConnectionError()).isTrue();
            assertThat(e.isHttpError()).isFalse();
            assertThat(e.statusCode()).isZero();
            assertThat(e.getMessage()).startsWith("Cannot connect to PhantomDB at " + url + " for GET /databases");
            assertThat(e.getCause()).isInstanceOf(java.net.ConnectException.class);
        }
    }

    @Test
    void aSlowServerFailsWithAConnectionErrorAtTheRequestTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (StubServer server = StubServer.start();
             PhantomDB db = PhantomDB.builder().baseUrl(server.baseUrl()).requestTimeout(Duration.ofMillis(300)).build()) {
            server.answer(r -> {
                release.await(10, TimeUnit.SECONDS);
                return Reply.json(200, "{\"databases\":[]}");
            });
            long t0 = System.nanoTime();
            PhantomDBException e = catchThrowableOfType(PhantomDBException.class, db::listDatabases);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

            assertThat(e.isConnectionError()).isTrue();
            assertThat(e.getMessage()).isEqualTo("PhantomDB at " + server.baseUrl()
                    + " did not answer GET /databases within the request timeout of 300 ms");
            assertThat(e.getCause()).isInstanceOf(java.net.http.HttpTimeoutException.class);
            assertThat(tookMs).isBetween(250L, 5_000L);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aClientErrorCarriesStatusAndTheServersErrorAndCode() throws Exception {
        try (StubServer server = StubServer.start(); PhantomDB db = PhantomDB.connect(server.baseUrl())) {
            server.answer(r -> Reply.json(404, "{\"error\":\"Database 'nope' not found\",\"code\":\"NOT_FOUND\"}"));

            PhantomDBException e = catchThrowableOfType(PhantomDBException.class, () -> db.dropDatabase("nope"));

            assertThat(e.kind()).isEqualTo(PhantomDBException.Kind.HTTP);
            assertThat(e.isHttpError()).isTrue();
            assertThat(e.isConnectionError()).isFalse();
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.serverMessage()).isEqualTo("Database 'nope' not found");
            assertThat(e.errorCode()).isEqualTo("NOT_FOUND");
            assertThat(e.getMessage()).isEqualTo("PhantomDB at " + server.baseUrl()
                    + " answered DELETE /databases/nope with HTTP 404: Database 'nope' not found (NOT_FOUND)");
        }
    }

    @Test
    void theConditionIsLeftOutOfErrorMessages() throws Exception {
        try (StubServer server = StubServer.start(); PhantomDB db = PhantomDB.connect(server.baseUrl())) {
            server.answer(r -> Reply.json(400, "{\"error\":\"bad condition at 3\",\"code\":\"BAD_CONDITION\"}"));

            PhantomDBException e = catchThrowableOfType(PhantomDBException.class,
                    () -> db.select("d", "t", "secret_col = 'hunter2'"));

            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.getMessage()).contains("GET /databases/d/tables/t with HTTP 400").doesNotContain("hunter2");
        }
    }

    @Test
    void aServerErrorWithAPlainTextBodyKeepsTheText() throws Exception {
        try (StubServer server = StubServer.start(); PhantomDB db = PhantomDB.connect(server.baseUrl())) {
            server.answer(r -> Reply.text(500, "boom\n"));

            PhantomDBException e = catchThrowableOfType(PhantomDBException.class, () -> db.listTables("x"));

            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.serverMessage()).isEqualTo("boom");
            assertThat(e.errorCode()).isNull();
            assertThat(e.getMessage()).endsWith("with HTTP 500: boom");
        }
    }

    @Test
    void anErrorWithoutABodyStillCarriesItsStatus() throws Exception {
        try (StubServer server = StubServer.start(); PhantomDB db = PhantomDB.connect(server.baseUrl())) {
            server.answer(r -> Reply.json(502, ""));

            PhantomDBException e = catchThrowableOfType(PhantomDBException.class, db::beginTransaction);

            assertThat(e.statusCode()).isEqualTo(502);
            assertThat(e.serverMessage()).isNull();
            assertThat(e.getMessage()).endsWith("answered POST /transactions with HTTP 502");
        }
    }

    @Test
    void anUnhealthyServerFailsTheHealthCheckWith503() throws Exception {
        try (StubServer server = StubServer.start(); PhantomDB db = PhantomDB.connect(server.baseUrl())) {
            server.health(r -> Reply.json(503, "{\"status\":\"unhealthy\",\"error\":\"backend unreachable\","
                    + "\"code\":\"UNAVAILABLE\"}"));

            PhantomDBException e = catchThrowableOfType(PhantomDBException.class, db::healthCheck);

            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.serverMessage()).isEqualTo("backend unreachable");
        }
    }

    @Test
    void aSuccessThatIsNotJsonIsAProtocolError() throws Exception {
        try (StubServer server = StubServer.start(); PhantomDB db = PhantomDB.connect(server.baseUrl())) {
            server.answer(r -> Reply.text(200, "<html>hello</html>"));

            PhantomDBException e = catchThrowableOfType(PhantomDBException.class, db::listDatabases);

            assertThat(e.kind()).isEqualTo(PhantomDBException.Kind.PROTOCOL);
            assertThat(e.getMessage()).contains("a body that is not JSON: <html>hello</html>");
        }
    }

    @Test
    void aSuccessLackingAPromisedFieldIsAProtocolErrorNamingTheField() throws Exception {
        try (StubServer server = StubServer.start(); PhantomDB db = PhantomDB.connect(server.baseUrl())) {
            server.answer(r -> Reply.json(200, "{\"message\":\"ok\"}"));

            PhantomDBException insert = catchThrowableOfType(PhantomDBException.class,
                    () -> db.insert("d", "t", Map.of("a", 1)));
            PhantomDBException select = catchThrowableOfType(PhantomDBException.class, () -> db.select("d", "t"));
            PhantomDBException begin = catchThrowableOfType(PhantomDBException.class, db::beginTransaction);

            assertThat(insert.kind()).isEqualTo(PhantomDBException.Kind.PROTOCOL);
            assertThat(insert.getMessage()).contains("without a whole number in 'inserted'");
            assertThat(select.getMessage()).contains("without a list of rows in 'records'");
            assertThat(begin.getMessage()).contains("without a transaction_id");
        }
    }

    @Test
    void aClosedClientThrowsIllegalStateExceptionAndClosingTwiceIsHarmless() throws Exception {
        try (StubServer server = StubServer.start()) {
            PhantomDB db = PhantomDB.connect(server.baseUrl());
            PhantomDB tx = db.inTransaction("t");
            db.close();
            db.close();

            assertThat(db.isClosed()).isTrue();
            assertThatThrownBy(db::listDatabases).isInstanceOf(IllegalStateException.class)
                    .hasMessage("This PhantomDB client is closed");
            assertThatThrownBy(() -> tx.select("d", "t")).isInstanceOf(IllegalStateException.class);
            assertThat(server.pending()).isEmpty();
        }
    }

    @Test
    void closingATransactionViewLeavesItsClientOpen() throws Exception {
        try (StubServer server = StubServer.start(); PhantomDB db = PhantomDB.connect(server.baseUrl())) {
            db.inTransaction("t").close();

            assertThat(db.isClosed()).isFalse();
            assertThat(db.healthCheck()).containsEntry("status", "healthy");
        }
    }

    @Test
    void anInterruptedCallFailsAsInterruptedAndKeepsTheInterruptFlag() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (StubServer server = StubServer.start(); PhantomDB db = PhantomDB.connect(server.baseUrl())) {
            server.answer(r -> {
                arrived.countDown();
                release.await(10, TimeUnit.SECONDS);
                return Reply.json(200, "{\"databases\":[]}");
            });
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean flagAfter = new AtomicBoolean();
            Thread caller = new Thread(() -> {
                try {
                    db.listDatabases();
                } catch (Throwable t) {
                    thrown.set(t);
                    flagAfter.set(Thread.currentThread().isInterrupted());
                }
            });
            caller.start();
            assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();
            caller.interrupt();
            caller.join(5_000);

            assertThat(caller.isAlive()).isFalse();
            assertThat(thrown.get()).isInstanceOf(PhantomDBException.class);
            assertThat(((PhantomDBException) thrown.get()).kind()).isEqualTo(PhantomDBException.Kind.INTERRUPTED);
            assertThat(flagAfter.get()).isTrue();
        } finally {
            release.countDown();
        }
    }

    @Test
    void builderRejectsBadTimeoutsNamingValueAndRange() {
        assertThatThrownBy(() -> PhantomDB.builder().requestTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requestTimeout (PT0S) must be between 1 ms and 100 days");
        assertThatThrownBy(() -> PhantomDB.builder().connectTimeout(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connectTimeout (null) must be between 1 ms and 100 days");
        assertThatThrownBy(() -> PhantomDB.connect("mailto:x@y")).isInstanceOf(IllegalArgumentException.class);
    }
}
