package dev.lagoon;

import dev.lagoon.internal.PoolEngine;
import dev.lagoon.testkit.FakeClock;
import dev.lagoon.testkit.FakeConnection;
import dev.lagoon.testkit.PoolFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidationTest extends PoolFixture {

    @Test
    void connectionUsedWithinTheBypassWindowIsNotRevalidated() {
        FakeClock clock = new FakeClock();
        PoolEngine<FakeConnection> pool = PoolEngine.start(factory,
                config("valid-bypass").minSize(1).maxSize(1).validationBypassWindow(Duration.ofMillis(500)).build(),
                clock, false);
        try {
            FakeConnection c = factory.created().get(0);
            clock.advance(Duration.ofSeconds(1));
            pool.acquire(Duration.ZERO).close();
            assertThat(c.validations()).as("idle 1 s: validated").isEqualTo(1);
            clock.advance(Duration.ofMillis(400));
            pool.acquire(Duration.ZERO).close();
            assertThat(c.validations()).as("used 400 ms ago: bypassed").isEqualTo(1);
            clock.advance(Duration.ofMillis(501));
            pool.acquire(Duration.ZERO).close();
            assertThat(c.validations()).isEqualTo(2);
        } finally {
            pool.close();
        }
    }

    @Test
    void zeroBypassWindowValidatesOnEveryAcquire() {
        FakeClock clock = new FakeClock();
        PoolEngine<FakeConnection> pool = PoolEngine.start(factory,
                config("valid-zero").minSize(1).maxSize(1).validationBypassWindow(Duration.ZERO).build(), clock, false);
        try {
            clock.advance(Duration.ofNanos(1));
            for (int i = 0; i < 3; i++) {
                pool.acquire(Duration.ZERO).close();
                clock.advance(Duration.ofNanos(1));
            }
            assertThat(factory.created().get(0).validations()).isEqualTo(3);
        } finally {
            pool.close();
        }
    }

    @Test
    void invalidConnectionIsDestroyedAndReplacedNeverHandedOut() {
        Pool<FakeConnection> pool = start(config("valid-invalid").minSize(1).maxSize(1)
                .validationBypassWindow(Duration.ZERO));
        FakeConnection bad = factory.created().get(0);
        bad.valid = false;
        try (Lease<FakeConnection> l = pool.acquire()) {
            assertThat(l.get()).isNotSameAs(bad);
            assertThat(l.get().valid).isTrue();
        }
        assertThat(bad.closes()).isEqualTo(1);
        assertThat(events.events()).contains("destroyed " + 1 + " VALIDATION_FAILED");
    }

    @Test
    void validationThatThrowsCountsAsInvalid() {
        Pool<FakeConnection> pool = start(config("valid-throws").minSize(1).maxSize(2)
                .validationBypassWindow(Duration.ZERO));
        factory.validationThrows(true);
        Lease<FakeConnection> l = null;
        try {
            l = pool.acquire(Duration.ofMillis(300));
        } catch (AcquireTimeoutException expected) {
            // every connection fails validation: none may be handed out
        } finally {
            factory.validationThrows(false);
        }
        assertThat(l).isNull();
        assertThat(factory.created()).allMatch(c -> c.closes() == 1 || c.validations() == 0);
    }

    @Test
    void validationIsBoundedByTheValidationTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        Pool<FakeConnection> pool = start(config("valid-timeout").minSize(1).maxSize(2)
                .validationBypassWindow(Duration.ZERO).validationTimeout(Duration.ofMillis(100)));
        FakeConnection hung = factory.created().get(0);
        factory.validationWaitsFor(never);
        long t0 = System.nanoTime();
        Lease<FakeConnection> l = null;
        try {
            l = pool.acquire(Duration.ofMillis(400));
        } catch (AcquireTimeoutException expected) {
            // the replacement's validation hangs too
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(l).isNull();
        assertThat(ms).as("acquire bounded by its timeout despite hanging validation").isLessThan(3000);
        assertThat(hung.closes()).as("not closed while validate() still runs").isZero();
        factory.validationWaitsFor(null);
        never.countDown();
        assertThat(events.events()).contains("destroyed 1 VALIDATION_TIMEOUT");
    }

    @Test
    void newConnectionsFailingValidationBackOffInsteadOfLooping() {
        FakeClock clock = new FakeClock();
        PoolEngine<FakeConnection> pool = PoolEngine.start(factory,
                config("valid-backoff").minSize(0).maxSize(1).validationBypassWindow(Duration.ZERO).build(),
                clock, false);
        try {
            factory.validationThrows(true);
            assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(200))).isInstanceOf(AcquireTimeoutException.class)
                    .hasMessageContaining("failed validation");
            assertThat(factory.attempts()).as("one create, then back-off (the fake clock does not move)").isEqualTo(1);
            factory.validationThrows(false);
            clock.advance(Duration.ofMillis(10));
            try (Lease<FakeConnection> l = pool.acquire(Duration.ZERO)) {
                assertThat(l.get().validations()).isEqualTo(1);
            }
            assertThat(factory.attempts()).isEqualTo(2);
        } finally {
            pool.close();
        }
    }

    @Test
    void validateOnReleaseDestroysAConnectionThatWentBad() {
        Pool<FakeConnection> pool = start(config("valid-release").minSize(1).maxSize(1).validateOnRelease(true));
        Lease<FakeConnection> l = pool.acquire();
        FakeConnection c = l.get();
        c.valid = false;
        l.close();
        assertThat(c.closes()).isEqualTo(1);
    }

    @Test
    void noValidationWhenValidateOnAcquireIsOff() {
        Pool<FakeConnection> pool = start(config("valid-off").minSize(1).maxSize(1).validateOnAcquire(false)
                .validationBypassWindow(Duration.ZERO));
        pool.acquire().close();
        pool.acquire().close();
        assertThat(factory.created().get(0).validations()).isZero();
    }
}
