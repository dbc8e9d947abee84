package dev.lagoon.server.client;

import dev.lagoon.DestroyReason;
import dev.lagoon.PoolListener;
import dev.lagoon.PoolStatus;
import dev.lagoon.phantomdb.Column;
import dev.lagoon.phantomdb.PhantomDB;
import dev.lagoon.phantomdb.PhantomDBException;
import dev.lagoon.phantomdb.PhantomDBPool;
import dev.lagoon.phantomdb.PhantomDBPoolConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The seeds' pool semantics, with the pool's clients talking to the real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PoolSemanticsContract {
    private LiveServer server;
    private final List<PhantomDBPool> pools = new ArrayList<>();
    private final List<LiveServer> ownServers = new ArrayList<>();

    abstract ServerBackend backend();

    /** Records the pool engine's events. */
    static final class Events implements PoolListener {
        final List<Long> created = new CopyOnWriteArrayList<>();
        final List<DestroyReason> destroyed = new CopyOnWriteArrayList<>();

        @Override
        public void onCreated(long connectionId, long creationNanos) {
            created.add(connectionId);
        }

        @Override
        public void onDestroyed(long connectionId, DestroyReason reason) {
            destroyed.add(reason);
        }

        long count(DestroyReason reason) {
            return destroyed.stream().filter(r -> r == reason).count();
        }
    }

    @BeforeAll
    void startServer() {
        backend().requireReachable();
        server = LiveServer.start(backend());
    }

    @AfterEach
    void closePools() {
        pools.forEach(PhantomDBPool::close);
        pools.clear();
        ownServers.forEach(LiveServer::close);
        ownServers.clear();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private PhantomDBPool pool(PhantomDBPoolConfig.Builder b) {
        PhantomDBPool p = PhantomDBPool.create(b.build());
        pools.add(p);
        return p;
    }

    private PhantomDBPoolConfig.Builder config(String baseUrl) {
        return PhantomDBPoolConfig.builder().baseUrl(baseUrl);
    }

    static void poll(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not true within " + limit.toMillis() + " ms: " + what);
            }
            LockSupport.parkNanos(5_000_000L);
        }
    }

    @Test
    void minClientsAreCreatedEagerlyAndEachOneWorks() {
        Events events = new Events();
        PhantomDBPool p = pool(config(server.baseUrl()).minConnections(3).maxConnections(5).listener(events));

        assertThat(events.created).hasSize(3);
        assertThat(p.getStatus().available()).isEqualTo(3);
        List<PhantomDB> clients = List.of(p.acquire(), p.acquire(), p.acquire());
        for (PhantomDB c : clients) {
            assertThat(c.healthCheck()).containsEntry("status", "healthy");
        }
        assertThat(events.created).hasSize(3);
        clients.forEach(p::release);
        assertThat(p.getStatus().available()).isEqualTo(3);
    }

    @Test
    void theSeedsAcquireReleaseShapeAndTheTryWithResourcesShapeBothWork() {
        PhantomDBPool p = pool(config(server.baseUrl()));
        String d = Names.database();

        PhantomDB client = p.acquire();
        try {
            client.createDatabase(d);
            client.createTable(d, "notes", List.of(Column.of("id", "int"), Column.of("text", "string")));
            client.insert(d, "notes", Map.of("id", 1, "text", "hello"));
        } finally {
            p.release(client);
        }
        try (PhantomDB c = p.acquire()) {
            assertThat(c.select(d, "notes")).containsExactly(Map.of("id", 1L, "text", "hello"));
            c.dropDatabase(d);
        }

        assertThat(p.getStatus().used()).isZero();
    }

    @Test
    void neverMoreThanMaxClientsAreLentAndTheNextAcquireTimesOutWithTheSeedMessage() {
        PhantomDBPool p = pool(config(server.baseUrl()).minConnections(1).maxConnections(2)
                .acquireTimeout(Duration.ofMillis(250)));
        PhantomDB a = p.acquire();
        PhantomDB b = p.acquire();

        PhantomDBException e = catchThrowableOfType(PhantomDBException.class, p::acquire);

        assertThat(e.kind()).isEqualTo(PhantomDBException.Kind.POOL_TIMEOUT);
        assertThat(e.getMessage()).startsWith("Timeout acquiring connection from pool '" + p.name() + "'");
        assertThat(p.getStatus().total()).isEqualTo(2);
        assertThat(a.listDatabases()).isNotNull();
        assertThat(b.listDatabases()).isNotNull();
        a.close();
        try (PhantomDB c = p.acquire()) {
            assertThat(c.healthCheck()).containsEntry("status", "healthy");
        }
        b.close();
    }

    @Test
    void aClosedPoolRefusesWithTheSeedMessageAndItsLentClientsStopWorkingOnRelease() {
        PhantomDBPool p = pool(config(server.baseUrl()));
        PhantomDB lent = p.acquire();

        p.close();
        PhantomDBException e = catchThrowableOfType(PhantomDBException.class, p::acquire);

        assertThat(e.kind()).isEqualTo(PhantomDBException.Kind.POOL_CLOSED);
        assertThat(e.getMessage()).startsWith("Connection pool is closed");
        assertThat(lent.healthCheck()).containsEntry("status", "healthy");
        lent.close();
        assertThat(lent.isClosed()).isTrue();
        assertThat(p.getStatus().total()).isZero();
    }

    @Test
    void statusReportsAvailableUsedMinMaxAndPending() throws Exception {
        PhantomDBPool p = pool(config(server.baseUrl()).minConnections(1).maxConnections(2));
        assertThat(p.getStatus()).isEqualTo(new PoolStatus(1, 0, 1, 2, 0, 1));

        PhantomDB a = p.acquire();
        PhantomDB b = p.acquire();
        assertThat(p.getStatus()).isEqualTo(new PoolStatus(0, 2, 1, 2, 0, 2));

        ExecutorService waiter = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> served = waiter.submit(() -> {
                try (PhantomDB c = p.acquire()) {
                    return c.healthCheck().get("status").equals("healthy");
                }
            });
            poll("one caller pending", Duration.ofSeconds(5), () -> p.getStatus().pending() == 1);
            assertThat(p.getStatus().pending()).isEqualTo(1);
            a.close();
            assertThat(served.get(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            waiter.shutdownNow();
        }
        b.close();
        assertThat(p.getStatus()).isEqualTo(new PoolStatus(2, 0, 1, 2, 0, 2));
    }

    @Test
    void idleClientsAboveTheMinimumAreClosedInTheBackground() {
        Events events = new Events();
        PhantomDBPool p = pool(config(server.baseUrl()).minConnections(1).maxConnections(5)
                .idleTimeout(Duration.ofMillis(300)).listener(events));
        List<PhantomDB> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clients.add(p.acquire());
        }
        for (PhantomDB c : clients) {
            c.listDatabases();
        }
        clients.forEach(PhantomDB::close);
        assertThat(events.created).hasSize(5);

        poll("idle clients closed down to the minimum", Duration.ofSeconds(10), () -> p.getStatus().total() == 1);

        assertThat(events.count(DestroyReason.IDLE_TIMEOUT)).isEqualTo(4);
        try (PhantomDB c = p.acquire()) {
            assertThat(c.healthCheck()).containsEntry("status", "healthy");
        }
    }

    @Test
    void aClientWhoseServerWentAwayIsReplacedWhenTheServerComesBack() {
        LiveServer own = LiveServer.start(backend());
        ownServers.add(own);
        Events events = new Events();
        PhantomDBPool p = pool(config(own.baseUrl()).minConnections(2).maxConnections(2)
                .validationBypassWindow(Duration.ZERO).acquireTimeout(Duration.ofMillis(500)).listener(events));
        assertThat(p.getStatus().available()).isEqualTo(2);
        PhantomDB held = p.acquire();
        assertThat(held.listDatabases()).isNotNull();

        own.stop();

        PhantomDBException down = catchThrowableOfType(PhantomDBException.class, held::listDatabases);
        assertThat(down.isConnectionError()).isTrue();
        held.close();
        assertThat(events.count(DestroyReason.INVALIDATED)).isEqualTo(1);
        PhantomDBException timeout = catchThrowableOfType(PhantomDBException.class, p::acquire);
        assertThat(timeout.kind()).isEqualTo(PhantomDBException.Kind.POOL_TIMEOUT);
        assertThat(timeout.getMessage()).startsWith("Timeout acquiring connection from pool")
                .contains("last connection failure").contains("Cannot connect to PhantomDB at " + own.baseUrl());
        int createdBefore = events.created.size();

        own.restart();

        poll("the pool lends a working client again", Duration.ofSeconds(20), () -> {
            try (PhantomDB c = p.acquire()) {
                return "healthy".equals(c.healthCheck().get("status"));
            } catch (PhantomDBException stillDown) {
                return false;
            }
        });
        assertThat(events.count(DestroyReason.VALIDATION_FAILED)).isGreaterThanOrEqualTo(1);
        assertThat(events.created.size()).isGreaterThan(createdBefore);
    }
}
