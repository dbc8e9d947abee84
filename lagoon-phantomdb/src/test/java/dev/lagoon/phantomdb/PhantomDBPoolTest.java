package dev.lagoon.phantomdb;

import dev.lagoon.AcquireTimeoutException;
import dev.lagoon.DestroyReason;
import dev.lagoon.PoolClosedException;
import dev.lagoon.PoolStatus;
import dev.lagoon.phantomdb.StubServer.Reply;
import dev.lagoon.phantomdb.internal.LeasedBinding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The seeds' pool semantics, against a stub server that only needs to answer {@code /health}. */
class PhantomDBPoolTest {
    private StubServer server;
    private final List<PhantomDBPool> pools = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = StubServer.start();
        server.answer(r -> Reply.json(200, "{\"databases\":[\"a\"]}"));
    }

    @AfterEach
    void stop() {
        pools.forEach(PhantomDBPool::close);
        server.close();
    }

    private PhantomDBPool pool(PhantomDBPoolConfig.Builder b) {
        PhantomDBPool p = PhantomDBPool.create(b.build());
        pools.add(p);
        return p;
    }

    private PhantomDBPoolConfig.Builder config() {
        return PhantomDBPoolConfig.builder().baseUrl(server.baseUrl());
    }

    private static long connectionId(PhantomDB client) {
        return ((LeasedBinding) client.binding()).connectionId();
    }

    @Test
    void aDefaultPoolStartsWithTwoOfTenClientsAvailableEvenWithoutAServer() throws Exception {
        RecordingListener events = new RecordingListener();
        PhantomDBPool p = PhantomDBPool.create(PhantomDBPoolConfig.builder()
                .baseUrl("http://127.0.0.1:" + StubServer.closedPort()).listener(events).build());
        pools.add(p);

        assertThat(events.created).hasSize(2);
        PoolStatus s = p.getStatus();

        assertThat(s.available()).isEqualTo(2);
        assertThat(s.used()).isZero();
        assertThat(s.min()).isEqualTo(2);
        assertThat(s.max()).isEqualTo(10);
        assertThat(s.pending()).isZero();
    }

    @Test
    void minClientsAreCreatedEagerly() {
        RecordingListener events = new RecordingListener();
        PhantomDBPool p = pool(config().minConnections(4).maxConnections(6).listener(events));

        assertThat(events.created).hasSize(4);
        assertThat(p.getStatus().available()).isEqualTo(4);
        assertThat(p.getStatus().total()).isEqualTo(4);
    }

    @Test
    void acquireAndReleaseMoveAClientBetweenAvailableAndUsed() {
        PhantomDBPool p = pool(config());

        PhantomDB client = p.acquire();
        assertThat(p.getStatus().available()).isEqualTo(1);
        assertThat(p.getStatus().used()).isEqualTo(1);
        assertThat(client.listDatabases()).containsExactly("a");

        p.release(client);
        assertThat(p.getStatus().available()).isEqualTo(2);
        assertThat(p.getStatus().used()).isZero();
    }

    @Test
    void tryWithResourcesReleasesTheClient() {
        PhantomDBPool p = pool(config());

        try (PhantomDB client = p.acquire()) {
            assertThat(client.listDatabases()).containsExactly("a");
            assertThat(p.getStatus().used()).isEqualTo(1);
        }

        assertThat(p.getStatus().used()).isZero();
        assertThat(p.getStatus().available()).isEqualTo(2);
    }

    @Test
    void releasingTwiceIsANoOp() {
        PhantomDBPool p = pool(config().minConnections(1).maxConnections(2));
        PhantomDB client = p.acquire();
        PhantomDB other = p.acquire();

        p.release(client);
        p.release(client);
        client.close();

        assertThat(p.getStatus().used()).isEqualTo(1);
        assertThat(p.getStatus().available()).isEqualTo(1);
        assertThat(other.listDatabases()).containsExactly("a");
        other.close();
    }

    @Test
    void aReleasedClientAndItsTransactionViewsRefuseEveryCall() {
        PhantomDBPool p = pool(config().minConnections(1).maxConnections(1));
        PhantomDB client = p.acquire();
        PhantomDB tx = client.inTransaction("t-1");
        p.release(client);
        PhantomDB next = p.acquire();

        assertThat(client.isClosed()).isTrue();
        assertThatThrownBy(client::listDatabases).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was released to pool '" + p.name() + "'");
        assertThatThrownBy(() -> tx.select("d", "t")).isInstanceOf(IllegalStateException.class);
        assertThat(next.listDatabases()).containsExactly("a");
        next.close();
    }

    @Test
    void releasingATransactionViewReleasesItsClient() {
        PhantomDBPool p = pool(config().minConnections(1).maxConnections(1));
        PhantomDB client = p.acquire();

        p.release(client.inTransaction("t-2"));

        assertThat(client.isClosed()).isTrue();
        assertThat(p.getStatus().used()).isZero();
    }

    @Test
    void releasingAClientThisPoolDidNotLendIsRejected() {
        PhantomDBPool p = pool(config());
        PhantomDBPool other = pool(config());
        PhantomDB foreign = other.acquire();

        try (PhantomDB standalone = PhantomDB.connect(server.baseUrl())) {
            assertThatThrownBy(() -> p.release(standalone)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("was not acquired from pool '" + p.name() + "'");
        }
        assertThatThrownBy(() -> p.release(foreign)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.release(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(foreign.isClosed()).isFalse();
        other.release(foreign);
    }

    @Test
    void acquireFailsWithTheSeedTimeoutMessageWhenAllClientsAreBusy() {
        PhantomDBPool p = pool(config().minConnections(1).maxConnections(3).acquireTimeout(Duration.ofMillis(200)));
        List<PhantomDB> held = List.of(p.acquire(), p.acquire(), p.acquire());

        long t0 = System.nanoTime();
        PhantomDBException e = catchThrowableOfType(PhantomDBException.class, p::acquire);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        assertThat(e.kind()).isEqualTo(PhantomDBException.Kind.POOL_TIMEOUT);
        assertThat(e.getMessage()).startsWith("Timeout acquiring connection from pool '" + p.name() + "'");
        assertThat(e.getCause()).isInstanceOf(AcquireTimeoutException.class);
        assertThat(e.isConnectionError()).isFalse();
        assertThat(tookMs).isBetween(150L, 5_000L);
        PoolStatus s = p.getStatus();
        assertThat(s.used()).isEqualTo(3);
        assertThat(s.total()).isEqualTo(3);
        assertThat(s.available()).isZero();
        held.forEach(PhantomDB::close);
    }

    @Test
    void neverMoreThanMaxClientsAreLentAndNoneToTwoBorrowersAtOnce() throws Exception {
        int max = 4;
        PhantomDBPool p = pool(config().minConnections(1).maxConnections(max));
        Map<Long, Thread> owners = new ConcurrentHashMap<>();
        AtomicInteger inUse = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                futures.add(threads.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        try (PhantomDB client = p.acquire()) {
                            int now = inUse.incrementAndGet();
                            peak.accumulateAndGet(now, Math::max);
                            Thread prev = owners.putIfAbsent(connectionId(client), Thread.currentThread());
                            assertThat(prev).as("connection %d already lent", connectionId(client)).isNull();
                            owners.remove(connectionId(client));
                            inUse.decrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(peak.get()).isBetween(1, max);
        assertThat(p.getStatus().total()).isLessThanOrEqualTo(max);
        assertThat(p.getStatus().used()).isZero();
    }

    @Test
    void aWaitingCallerCountsAsPendingAndGetsTheNextReleasedClient() throws Exception {
        PhantomDBPool p = pool(config().minConnections(1).maxConnections(1));
        PhantomDB held = p.acquire();
        long heldId = connectionId(held);
        ExecutorService waiter = Executors.newSingleThreadExecutor();
        try {
            Future<Long> served = waiter.submit(() -> {
                try (PhantomDB c = p.acquire()) {
                    return connectionId(c);
                }
            });
            Poll.until("one caller pending", Duration.ofSeconds(5), () -> p.getStatus().pending() == 1);

            held.close();

            assertThat(served.get(5, TimeUnit.SECONDS)).isEqualTo(heldId);
            assertThat(p.getStatus().pending()).isZero();
        } finally {
            waiter.shutdownNow();
        }
    }

    @Test
    void acquireOnAClosedPoolFailsWithTheSeedClosedMessage() {
        PhantomDBPool p = pool(config());
        p.close();

        PhantomDBException e = catchThrowableOfType(PhantomDBException.class, p::acquire);

        assertThat(p.isClosed()).isTrue();
        assertThat(e.kind()).isEqualTo(PhantomDBException.Kind.POOL_CLOSED);
        assertThat(e.getMessage()).startsWith("Connection pool is closed");
        assertThat(e.getCause()).isInstanceOf(PoolClosedException.class);
    }

    @Test
    void closeFailsWaitingCallersWithTheClosedMessageAndClosesReturnedClients() throws Exception {
        RecordingListener events = new RecordingListener();
        PhantomDBPool p = pool(config().minConnections(1).maxConnections(1).listener(events));
        PhantomDB held = p.acquire();
        ExecutorService waiter = Executors.newSingleThreadExecutor();
        try {
            Future<PhantomDB> waiting = waiter.submit(() -> p.acquire());
            Poll.until("one caller pending", Duration.ofSeconds(5), () -> p.getStatus().pending() == 1);

            p.close();

            Throwable failure = catchThrowableOfType(java.util.concurrent.ExecutionException.class,
                    () -> waiting.get(5, TimeUnit.SECONDS)).getCause();
            assertThat(failure).isInstanceOf(PhantomDBException.class).hasMessageStartingWith("Connection pool is closed");
            held.close();
            assertThat(events.destroyedFor(DestroyReason.POOL_CLOSED)).isEqualTo(1);
        } finally {
            waiter.shutdownNow();
        }
    }

    @Test
    void idleClientsAboveTheMinimumAreClosedAfterTheIdleTimeout() {
        RecordingListener events = new RecordingListener();
        PhantomDBPool p = pool(config().minConnections(1).maxConnections(4).idleTimeout(Duration.ofMillis(200))
                .listener(events));
        List<PhantomDB> clients = List.of(p.acquire(), p.acquire(), p.acquire(), p.acquire());
        clients.forEach(PhantomDB::close);
        assertThat(events.created).hasSize(4);

        Poll.until("idle clients closed down to the minimum", Duration.ofSeconds(10),
                () -> p.getStatus().total() == 1);

        assertThat(p.getStatus().available()).isEqualTo(1);
        assertThat(events.destroyedFor(DestroyReason.IDLE_TIMEOUT)).isEqualTo(3);
    }

    @Test
    void aClientIsCheckedWithGetHealthBeforeItIsLent() throws Exception {
        PhantomDBPool p = pool(config().minConnections(1).maxConnections(1).validationBypassWindow(Duration.ZERO)
                .token("tok-v"));

        try (PhantomDB client = p.acquire()) {
            StubServer.Request check = server.take();
            assertThat(check.method()).isEqualTo("GET");
            assertThat(check.rawPath()).isEqualTo("/health");
            assertThat(check.header("Authorization")).isEqualTo("Bearer tok-v");
            client.listDatabases();
            assertThat(server.take().rawPath()).isEqualTo("/databases");
        }
    }

    @Test
    void aClientUsedWithinTheBypassWindowIsLentWithoutACheck() throws Exception {
        PhantomDBPool p = pool(config().minConnections(1).maxConnections(1)
                .validationBypassWindow(Duration.ofMinutes(5)));

        try (PhantomDB client = p.acquire()) {
            client.listDatabases();
        }

        assertThat(server.take().rawPath()).isEqualTo("/databases");
        assertThat(server.pending()).isEmpty();
    }

    @Test
    void aClientFailingItsHealthCheckIsReplacedOnceTheServerIsHealthyAgain() throws Exception {
        RecordingListener events = new RecordingListener();
        PhantomDBPool p = pool(config().minConnections(1).maxConnections(1).validationBypassWindow(Duration.ZERO)
                .acquireTimeout(Duration.ofMillis(300)).listener(events));
        long firstId;
        try (PhantomDB client = p.acquire()) {
            firstId = connectionId(client);
        }

        server.health(r -> Reply.json(503, "{\"status\":\"unhealthy\",\"error\":\"backend down\"}"));
        PhantomDBException e = catchThrowableOfType(PhantomDBException.class, p::acquire);

        assertThat(e.kind()).isEqualTo(PhantomDBException.Kind.POOL_TIMEOUT);
        assertThat(e.getMessage()).startsWith("Timeout acquiring connection from pool")
                .contains("last connection failure").contains("HTTP 503").contains("backend down");
        assertThat(events.destroyed).contains(new RecordingListener.Destroyed(firstId, DestroyReason.VALIDATION_FAILED));

        server.health(StubServer.HEALTHY);
        Poll.until("a healthy client is lent again", Duration.ofSeconds(15), () -> {
            try (PhantomDB client = p.acquire()) {
                return client.healthCheck().get("status").equals("healthy") && connectionId(client) != firstId;
            } catch (PhantomDBException stillDown) {
                return false;
            }
        });
    }

    @Test
    void aClientWhoseRequestCouldNotReachTheServerIsClosedOnReleaseInsteadOfReused() throws Exception {
        RecordingListener events = new RecordingListener();
        CountDownLatch release = new CountDownLatch(1);
        PhantomDBPool p = pool(config().minConnections(1).maxConnections(1).requestTimeout(Duration.ofMillis(200))
                .listener(events));
        server.answer(r -> {
            release.await(10, TimeUnit.SECONDS);
            return Reply.json(200, "{\"databases\":[]}");
        });
        long id;
        try (PhantomDB client = p.acquire()) {
            id = connectionId(client);
            assertThat(catchThrowableOfType(PhantomDBException.class, client::listDatabases).isConnectionError()).isTrue();
        } finally {
            release.countDown();
        }

        assertThat(events.destroyed).contains(new RecordingListener.Destroyed(id, DestroyReason.INVALIDATED));
        server.answer(r -> Reply.json(200, "{\"databases\":[\"b\"]}"));
        try (PhantomDB client = p.acquire()) {
            assertThat(connectionId(client)).isNotEqualTo(id);
            assertThat(client.listDatabases()).containsExactly("b");
        }
    }

    @Test
    void aServerThatWentAwayMakesAcquireTimeOutNamingTheConnectionFailure() throws Exception {
        int port = server.port();
        RecordingListener events = new RecordingListener();
        PhantomDBPool p = pool(config().minConnections(1).maxConnections(2).validationBypassWindow(Duration.ZERO)
                .acquireTimeout(Duration.ofMillis(300)).listener(events));
        try (PhantomDB client = p.acquire()) {
            client.listDatabases();
        }
        server.close();

        PhantomDBException e = catchThrowableOfType(PhantomDBException.class, p::acquire);

        assertThat(e.kind()).isEqualTo(PhantomDBException.Kind.POOL_TIMEOUT);
        assertThat(e.getMessage()).contains("last connection failure").contains("Cannot connect to PhantomDB at");
        assertThat(events.destroyedFor(DestroyReason.VALIDATION_FAILED)).isGreaterThanOrEqualTo(1);

        server = StubServer.start(port);
        server.answer(r -> Reply.json(200, "{\"databases\":[\"back\"]}"));
        Poll.until("the pool lends a working client again", Duration.ofSeconds(15), () -> {
            try (PhantomDB client = p.acquire()) {
                return client.listDatabases().equals(List.of("back"));
            } catch (PhantomDBException stillDown) {
                return false;
            }
        });
    }

    @Test
    void statusReportsMinMaxAndCountsThroughALifecycle() {
        PhantomDBPool p = pool(config().minConnections(0).maxConnections(3));
        assertThat(p.getStatus()).isEqualTo(new PoolStatus(0, 0, 0, 3, 0, 0));

        PhantomDB a = p.acquire();
        PhantomDB b = p.acquire();
        assertThat(p.getStatus().used()).isEqualTo(2);
        assertThat(p.getStatus().total()).isEqualTo(2);

        a.close();
        assertThat(p.getStatus().available()).isEqualTo(1);
        assertThat(p.getStatus().used()).isEqualTo(1);
        b.close();
        assertThat(p.getStatus().available()).isEqualTo(2);
    }

    @Test
    void aPooledClientShowsItsPoolAndNeverTheToken() {
        PhantomDBPool p = pool(config().name("shop-pool").token("tok-hidden"));
        try (PhantomDB client = p.acquire()) {
            assertThat(client.toString()).contains("pooled from 'shop-pool'").doesNotContain("tok-hidden");
            assertThat(p.toString()).contains("shop-pool").doesNotContain("tok-hidden");
        }
    }
}
