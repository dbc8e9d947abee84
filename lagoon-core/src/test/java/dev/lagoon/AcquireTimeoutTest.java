package dev.lagoon;

import dev.lagoon.testkit.Await;
import dev.lagoon.testkit.FakeConnection;
import dev.lagoon.testkit.PoolFixture;
import dev.lagoon.testkit.ScriptedFactory.Step;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AcquireTimeoutTest extends PoolFixture {

    @Test
    void acquireTimesOutWithinItsDeadlineWhenTheFactoryHangs() {
        factory.otherwise(Step.HANG);
        Pool<FakeConnection> pool = start(config("timeout-hang").minSize(0).maxSize(2));
        long t0 = System.nanoTime();
        AcquireTimeoutException e = catchThrowableOfType(AcquireTimeoutException.class,
                () -> pool.acquire(Duration.ofMillis(200)));
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(e).hasMessageContaining("Timeout acquiring connection from pool").hasMessageContaining("200 ms");
        assertThat(tookMs).as("returned near its deadline, not when create() returned").isBetween(190L, 3000L);
        assertThat(factory.hanging()).as("create() runs on a pool thread, still hanging").isGreaterThan(0);
        assertThat(events.count("timeout")).isEqualTo(1);
    }

    @Test
    void timeoutCarriesTheLastCreationFailureAsItsCause() {
        factory.otherwise(Step.FAIL);
        Pool<FakeConnection> pool = start(config("timeout-cause").minSize(0).maxSize(2));
        AcquireTimeoutException e = catchThrowableOfType(AcquireTimeoutException.class,
                () -> pool.acquire(Duration.ofMillis(150)));
        assertThat(e.getCause()).isInstanceOf(IOException.class).hasMessageContaining("scripted failure");
        assertThat(e).hasMessageContaining("scripted failure");
    }

    @Test
    void aDatabaseOutageDoesNotCauseAStormOfConnectionAttempts() {
        factory.otherwise(Step.FAIL);
        Pool<FakeConnection> pool = start(config("timeout-storm").minSize(2).maxSize(10)
                .maxConcurrentCreates(2));
        assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(600))).isInstanceOf(AcquireTimeoutException.class);
        // back-off 10, 20, 40, 80, 160, 250 (capped while waiting) ms: about 7 attempts in 600 ms
        assertThat(factory.attempts()).as("attempts during a 600 ms outage").isBetween(2, 20);
    }

    @Test
    void startUpFailuresAreRetriedInTheBackground() {
        factory.failNext(1);
        Pool<FakeConnection> pool = start(config("timeout-startup").minSize(2).maxSize(4));
        Await.until("the pool recovered to minSize", () -> pool.status().total() == 2);
        try (Lease<FakeConnection> l = pool.acquire()) {
            assertThat(l.get()).isNotNull();
        }
    }

    @Test
    void failFastThrowsWhenInitialConnectionsCannotBeCreated() {
        factory.otherwise(Step.FAIL);
        assertThatThrownBy(() -> start(config("timeout-failfast").minSize(2).maxSize(4).failFast(true)))
                .isInstanceOf(ConnectionCreationException.class)
                .hasMessageContaining("could not create its 2 initial connections")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void poolRecoversQuicklyOnceCreationWorksAgain() {
        factory.otherwise(Step.FAIL);
        Pool<FakeConnection> pool = start(config("timeout-recover").minSize(0).maxSize(2));
        assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(300))).isInstanceOf(AcquireTimeoutException.class);
        factory.otherwise(Step.SUCCEED);
        long t0 = System.nanoTime();
        try (Lease<FakeConnection> l = pool.acquire(Duration.ofSeconds(5))) {
            assertThat(l.get()).isNotNull();
        }
        assertThat((System.nanoTime() - t0) / 1_000_000).as("served within the waiter back-off cap").isLessThan(1000);
    }

    @Test
    void zeroTimeoutFailsAtOnceWhenNothingIsIdle() {
        Pool<FakeConnection> pool = start(config("timeout-zero").minSize(1).maxSize(1));
        try (Lease<FakeConnection> held = pool.acquire()) {
            assertThatThrownBy(() -> pool.acquire(Duration.ZERO)).isInstanceOf(AcquireTimeoutException.class);
        }
    }

    @Test
    void negativeTimeoutIsRejected() {
        Pool<FakeConnection> pool = start(config("timeout-negative").minSize(0).maxSize(1));
        assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be zero or positive");
    }
}
