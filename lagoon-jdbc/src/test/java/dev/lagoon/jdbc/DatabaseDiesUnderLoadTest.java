package dev.lagoon.jdbc;

import dev.lagoon.jdbc.testkit.Await;
import dev.lagoon.PoolListener;
import dev.lagoon.jdbc.testkit.FaultProxy;
import dev.lagoon.jdbc.testkit.TestDatabases;
import dev.lagoon.jdbc.testkit.TestDatabases.Kind;
import dev.lagoon.jdbc.testkit.TestDatabases.Server;
import dev.lagoon.jdbc.testkit.TestDatabases.SessionTag;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 32 threads use the pool when the database dies (the proxy refuses new connections and
 * resets open ones) and later comes back.
 */
class DatabaseDiesUnderLoadTest {

    private static final int THREADS = 32;
    private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(1);
    /** The longest one borrow-query-return cycle may take: the acquire timeout plus slack for the query. */
    private static final Duration CYCLE_BOUND = ACQUIRE_TIMEOUT.plusSeconds(1);

    private LagoonDataSource ds;
    private SessionTag tag;
    private FaultProxy proxy;
    private final List<Worker> workers = new ArrayList<>();
    /** When the pool last created a connection and last failed to, for the measurement line. */
    private final AtomicLong firstCreatedAfter = new AtomicLong();
    private final AtomicLong lastFailedCreateAt = new AtomicLong();
    private volatile long healedMark = Long.MAX_VALUE;
    private final PoolListener timeline = new PoolListener() {
        @Override
        public void onCreated(long connectionId, long creationNanos) {
            long now = System.nanoTime();
            if (now - healedMark > 0) {
                firstCreatedAfter.compareAndSet(0, now);
            }
        }

        @Override
        public void onCreationFailed(Throwable failure) {
            lastFailedCreateAt.set(System.nanoTime());
        }
    };

    @AfterEach
    void stop() throws SQLException, InterruptedException {
        for (Worker w : workers) {
            w.running = false;
        }
        for (Worker w : workers) {
            w.thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        if (ds != null) {
            ds.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (tag != null) {
            tag.close();
        }
    }

    /** One load thread; it records, and never asserts. */
    private final class Worker implements Runnable {
        final String query;
        final Thread thread;
        volatile boolean running = true;
        final AtomicLong successes = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        volatile long lastSuccessAt;
        /** When the last successful cycle started: a cycle that starts after the kill must fail. */
        volatile long lastSuccessStartedAt;
        volatile long longestCycleNanos;

        Worker(String query, int index) {
            this.query = query;
            this.thread = new Thread(this, "load-" + index);
        }

        @Override
        public void run() {
            while (running) {
                long t0 = System.nanoTime();
                try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery(query)) {
                    rs.next();
                    lastSuccessAt = System.nanoTime();
                    lastSuccessStartedAt = t0;
                    successes.incrementAndGet();
                } catch (SQLException | RuntimeException e) {
                    failures.incrementAndGet();
                }
                longestCycleNanos = Math.max(longestCycleNanos, System.nanoTime() - t0);
            }
        }
    }

    private int serverSessions() {
        try {
            return tag.serverSessionCount();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void inFlightWorkFailsNoThreadHangsServiceReturnsWithinASecondAndNoSessionLeaks(Kind kind)
            throws SQLException, IOException, InterruptedException {
        Server server = TestDatabases.require(kind);
        tag = server.newSessionTag();
        proxy = FaultProxy.start(server.host(), server.port());
        ds = RealPools.through(server, tag, proxy).minSize(4).maxSize(16)
                .acquireTimeout(ACQUIRE_TIMEOUT).validationTimeout(Duration.ofMillis(500))
                .creationBackoffMax(Duration.ofMillis(250)).maxConcurrentCreates(4)
                .listener(timeline).build();
        ds.start();
        for (int i = 0; i < THREADS; i++) {
            workers.add(new Worker(RealPools.sleepQuery(kind, 0.02), i));
        }
        workers.forEach(w -> w.thread.start());
        Await.until(Duration.ofSeconds(20), () -> workers.stream().allMatch(w -> w.successes.get() >= 3),
                () -> "every thread served before the fault");

        proxy.kill();
        long killedAt = System.nanoTime();
        Await.until(Duration.ofSeconds(10), () -> workers.stream().allMatch(w -> w.failures.get() >= 1),
                () -> "every thread saw the database die");
        Duration sawIt = Duration.ofNanos(System.nanoTime() - killedAt);
        long successesWhileDead = workers.stream().filter(w -> w.lastSuccessStartedAt - killedAt > 0).count();

        proxy.heal();
        long healedAt = System.nanoTime();
        healedMark = healedAt;
        Await.until(Duration.ofSeconds(10), () -> workers.stream().anyMatch(w -> w.lastSuccessAt - healedAt > 0),
                () -> "service after healing");
        long firstBack = workers.stream().mapToLong(w -> w.lastSuccessAt - healedAt).filter(d -> d > 0).min().orElseThrow();
        Await.until(Duration.ofSeconds(10), () -> workers.stream().allMatch(w -> w.lastSuccessAt - healedAt > 0),
                () -> "every thread served after healing");
        long allBack = System.nanoTime() - healedAt;

        for (Worker w : workers) {
            w.running = false;
        }
        for (Worker w : workers) {
            w.thread.join(CYCLE_BOUND.toMillis() + 1_000);
        }
        long longest = workers.stream().mapToLong(w -> w.longestCycleNanos).max().orElseThrow();
        System.out.printf("[measure] %s dies under load: all %d threads failed within %d ms; last failed creation"
                        + " %d ms before healing, first connection created %d ms after, first success %d ms after,"
                        + " all threads served %d ms after; longest cycle %d ms%n", kind, THREADS,
                sawIt.toMillis(), (healedAt - lastFailedCreateAt.get()) / 1_000_000,
                (firstCreatedAfter.get() - healedAt) / 1_000_000, firstBack / 1_000_000, allBack / 1_000_000,
                longest / 1_000_000);

        assertThat(workers).allSatisfy(w -> assertThat(w.thread.isAlive()).as(w.thread.getName()).isFalse());
        assertThat(successesWhileDead).as("threads whose work, started after the kill, succeeded").isZero();
        assertThat(Duration.ofNanos(longest)).as("longest borrow-query-return cycle").isLessThanOrEqualTo(CYCLE_BOUND);
        assertThat(Duration.ofNanos(firstBack)).as("service back after healing").isLessThanOrEqualTo(Duration.ofSeconds(1));
        Await.until(Duration.ofSeconds(10), () -> serverSessions() == ds.status().total(),
                () -> "server sessions (" + serverSessions() + ") = pool's count (" + ds.status() + ")");
        assertThat(serverSessions()).isEqualTo(ds.status().total());
    }
}
