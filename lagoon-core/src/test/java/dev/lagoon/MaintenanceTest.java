package dev.lagoon;

import dev.lagoon.internal.PoolEngine;
import dev.lagoon.testkit.FakeClock;
import dev.lagoon.testkit.FakeConnection;
import dev.lagoon.testkit.RecordingListener;
import dev.lagoon.testkit.ScriptedFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Maintenance driven by a fake clock in the engine's thread-less mode: no sleeping. */
class MaintenanceTest {
    private final FakeClock clock = new FakeClock();
    private final ScriptedFactory factory = new ScriptedFactory();
    private final RecordingListener events = new RecordingListener();
    private PoolEngine<FakeConnection> pool;

    private PoolEngine<FakeConnection> start(PoolConfig.Builder b) {
        pool = PoolEngine.start(factory, b.listener(events).build(), clock, false);
        return pool;
    }

    @AfterEach
    void invariantsHold() {
        if (pool != null) {
            pool.close();
        }
        factory.assertInvariants(pool == null ? Integer.MAX_VALUE : pool.config().maxSize());
        factory.assertAllClosedOnce();
    }

    private List<Lease<FakeConnection>> acquireAll(int n) {
        List<Lease<FakeConnection>> leases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leases.add(pool.acquire(Duration.ZERO));
        }
        return leases;
    }

    @Test
    void idleConnectionsAboveMinAreReapedAfterIdleTimeout() {
        start(PoolConfig.builder().minSize(2).maxSize(6).idleTimeout(Duration.ofMinutes(10))
                .maxLifetime(Duration.ZERO));
        acquireAll(5).forEach(Lease::close);
        assertThat(pool.status().total()).isEqualTo(5);

        clock.advance(Duration.ofMinutes(9));
        pool.maintain(clock.now());
        assertThat(pool.status().total()).as("not idle long enough yet").isEqualTo(5);

        clock.advance(Duration.ofMinutes(2));
        pool.maintain(clock.now());
        assertThat(pool.status().total()).isEqualTo(2);
        assertThat(pool.status().available()).isEqualTo(2);
        assertThat(events.count("destroyed")).isEqualTo(3);
        assertThat(events.events()).filteredOn(e -> e.startsWith("destroyed")).allMatch(e -> e.endsWith("IDLE_TIMEOUT"));
    }

    @Test
    void zeroIdleTimeoutNeverReaps() {
        start(PoolConfig.builder().minSize(0).maxSize(3).idleTimeout(Duration.ZERO).maxLifetime(Duration.ZERO));
        acquireAll(3).forEach(Lease::close);
        clock.advance(Duration.ofDays(30));
        pool.maintain(clock.now());
        assertThat(pool.status().total()).isEqualTo(3);
    }

    @Test
    void poolRefillsToMinSizeOnItsOwn() {
        start(PoolConfig.builder().minSize(3).maxSize(5));
        assertThat(pool.status().total()).isEqualTo(3);
        List<Lease<FakeConnection>> leases = acquireAll(3);
        leases.forEach(Lease::invalidate);
        assertThat(pool.status().total()).as("each invalidation refills").isEqualTo(3);

        factory.failNext(1);
        acquireAll(3).forEach(Lease::invalidate);
        assertThat(pool.status().total()).as("creation failed, next attempt backs off").isLessThan(3);
        pool.maintain(clock.now());
        assertThat(pool.status().total()).as("still inside the back-off").isLessThan(3);
        clock.advance(Duration.ofSeconds(10)); // past the back-off
        pool.maintain(clock.now());
        assertThat(pool.status().total()).isEqualTo(3);
    }

    @Test
    void expiredIdleConnectionsAreRetiredAndReplaced() {
        start(PoolConfig.builder().minSize(2).maxSize(4).maxLifetime(Duration.ofMinutes(30)));
        List<FakeConnection> first = factory.created();
        clock.advance(Duration.ofMinutes(31));
        pool.maintain(clock.now());
        assertThat(first).allMatch(c -> c.closes() == 1);
        assertThat(pool.status().total()).isEqualTo(2);
        assertThat(events.count("destroyed")).isEqualTo(2);
        assertThat(events.events()).filteredOn(e -> e.startsWith("destroyed")).allMatch(e -> e.endsWith("MAX_LIFETIME"));
    }

    @Test
    void lifetimeHasJitterSoConnectionsDoNotAllRetireAtOnce() {
        start(PoolConfig.builder().minSize(50).maxSize(50).maxLifetime(Duration.ofMinutes(30)));
        clock.advance(Duration.ofMinutes(30).minus(Duration.ofMillis(22_500)));
        pool.maintain(clock.now());
        long retired = factory.created().stream().filter(c -> c.closes() == 1).count();
        assertThat(retired).as("some but not all of 50 retire in the 2.5% jitter window").isBetween(1L, 49L);
    }

    @Test
    void leasedConnectionIsNeverRetiredWhileLeasedButOnReturn() {
        start(PoolConfig.builder().minSize(1).maxSize(1).maxLifetime(Duration.ofMinutes(30)));
        Lease<FakeConnection> lease = pool.acquire(Duration.ZERO);
        FakeConnection c = lease.get();
        clock.advance(Duration.ofHours(1));
        pool.maintain(clock.now());
        assertThat(c.closes()).isZero();
        assertThat(lease.get()).isSameAs(c);
        lease.close();
        assertThat(c.closes()).isEqualTo(1);
        assertThat(pool.status().total()).isEqualTo(1);
        try (Lease<FakeConnection> next = pool.acquire(Duration.ZERO)) {
            assertThat(next.get()).isNotSameAs(c);
        }
    }

    @Test
    void expiredIdleConnectionIsNotHandedOut() {
        start(PoolConfig.builder().minSize(1).maxSize(1).maxLifetime(Duration.ofMinutes(30)));
        FakeConnection old = factory.created().get(0);
        clock.advance(Duration.ofHours(1)); // no maintenance pass ran
        try (Lease<FakeConnection> lease = pool.acquire(Duration.ZERO)) {
            assertThat(lease.get()).isNotSameAs(old);
        }
        assertThat(old.closes()).isEqualTo(1);
    }

    @Test
    void connectionIsRetiredAfterMaxBorrows() {
        start(PoolConfig.builder().minSize(1).maxSize(1).maxBorrows(3));
        FakeConnection c = factory.created().get(0);
        for (int i = 0; i < 3; i++) {
            try (Lease<FakeConnection> l = pool.acquire(Duration.ZERO)) {
                assertThat(l.get()).isSameAs(c);
            }
        }
        assertThat(c.closes()).isEqualTo(1);
        assertThat(events.events()).contains("destroyed " + 1 + " MAX_BORROWS");
        try (Lease<FakeConnection> l = pool.acquire(Duration.ZERO)) {
            assertThat(l.get()).isNotSameAs(c);
        }
    }

    @Test
    void leaseHeldPastTheLeakThresholdIsReportedOnce() {
        start(PoolConfig.builder().minSize(1).maxSize(1).leakDetectionThreshold(Duration.ofMinutes(1)));
        Lease<FakeConnection> lease = pool.acquire(Duration.ZERO);
        clock.advance(Duration.ofSeconds(59));
        pool.maintain(clock.now());
        assertThat(events.count("leak")).isZero();
        clock.advance(Duration.ofSeconds(2));
        pool.maintain(clock.now());
        pool.maintain(clock.now());
        assertThat(events.count("leak")).isEqualTo(1);
        lease.close();
    }

    @Test
    void creationBacksOffExponentiallyAfterFailures() {
        start(PoolConfig.builder().minSize(0).maxSize(1).creationBackoffInitial(Duration.ofMillis(10))
                .creationBackoffMax(Duration.ofSeconds(5)).minSize(1).failFast(false)
                .initialSize(1).name("backoff"));
        // one connection was created at start; make it go away while the factory fails
        factory.otherwise(ScriptedFactory.Step.FAIL);
        int before = factory.attempts();
        pool.acquire(Duration.ZERO).invalidate();
        assertThat(factory.attempts()).isEqualTo(before + 1);
        for (int i = 0; i < 5; i++) {
            pool.maintain(clock.now());
        }
        assertThat(factory.attempts()).as("no retry before the back-off elapsed").isEqualTo(before + 1);
        clock.advance(Duration.ofMillis(10));
        pool.maintain(clock.now());
        assertThat(factory.attempts()).isEqualTo(before + 2);
        clock.advance(Duration.ofMillis(10));
        pool.maintain(clock.now());
        assertThat(factory.attempts()).as("second delay is about 20 ms").isEqualTo(before + 2);
        clock.advance(Duration.ofMillis(10));
        pool.maintain(clock.now());
        assertThat(factory.attempts()).isEqualTo(before + 3);
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofSeconds(5));
            pool.maintain(clock.now());
        }
        assertThat(factory.attempts()).as("capped at one attempt per 5 s").isEqualTo(before + 23);
        factory.otherwise(ScriptedFactory.Step.SUCCEED);
        clock.advance(Duration.ofSeconds(5));
        pool.maintain(clock.now());
        assertThat(pool.status().total()).isEqualTo(1);
    }
}
