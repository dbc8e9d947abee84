package dev.lagoon.stress.model;

import dev.lagoon.Lease;
import dev.lagoon.PoolConfig;
import dev.lagoon.internal.PoolEngine;
import dev.lagoon.testkit.FakeClock;
import dev.lagoon.testkit.FakeConnection;
import dev.lagoon.testkit.ScriptedFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code validationBypassWindow = Duration.ZERO} means "validate on every acquire", also when
 * the policy clock has not moved since the connection was returned (with
 * {@code System.nanoTime()}: a return and the next acquire in the same clock tick, on coarse
 * clock sources). The randomized model test found the engine skipping validation there; fixed
 * in the engine ({@code now - lastUsedAt >= bypassNanos}), kept here as a regression test.
 */
class ValidationBypassZeroTest {

    @Test
    void zeroBypassWindowValidatesAReturnedConnectionEvenWithinTheSameClockTick() {
        FakeClock clock = new FakeClock();
        ScriptedFactory factory = new ScriptedFactory();
        PoolEngine<FakeConnection> pool = PoolEngine.start(factory, PoolConfig.builder()
                .name("bypass-zero").minSize(1).maxSize(1)
                .validationBypassWindow(Duration.ZERO)
                .build(), clock, false);
        try {
            FakeConnection first = factory.created().get(0);
            pool.acquire(Duration.ZERO).close();
            first.valid = false;
            try (Lease<FakeConnection> lease = pool.acquire(Duration.ZERO)) {
                assertThat(lease.get()).as("a connection that fails validation is never handed out")
                        .isNotSameAs(first);
            }
            assertThat(first.closes()).as("the broken connection is destroyed").isEqualTo(1);
        } finally {
            pool.close();
        }
        factory.assertAllClosedOnce();
    }
}
