package dev.lagoon.internal;

import dev.lagoon.Pool;
import dev.lagoon.PoolConfig;
import dev.lagoon.testkit.Await;
import dev.lagoon.testkit.FakeConnection;
import dev.lagoon.testkit.ScriptedFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoarseClockTest {

    @Test
    void aRunningPoolKeepsTheClockTickingAndTheLastCloseStopsIt() {
        // other test classes close their pools after each test; if one leaked a pool, the clock
        // must keep ticking for it, which the last assertions then expect instead
        boolean tickingBefore = CoarseClock.INSTANCE.isTicking();
        ScriptedFactory factory = new ScriptedFactory();
        Pool<FakeConnection> first = Pool.create(factory, PoolConfig.builder().name("clock-1").minSize(0).build());
        Pool<FakeConnection> second = Pool.create(factory, PoolConfig.builder().name("clock-2").minSize(0).build());
        assertThat(CoarseClock.INSTANCE.isTicking()).isTrue();

        long before = System.nanoTime();
        Await.until("the published time passes a reading of the real clock",
                () -> CoarseClock.INSTANCE.nanoTime() - before > 0);
        assertThat(CoarseClock.INSTANCE.nanoTime() - System.nanoTime()).as("never ahead of the real clock")
                .isLessThanOrEqualTo(0);

        first.close();
        assertThat(CoarseClock.INSTANCE.isTicking()).as("one pool still open").isTrue();
        second.close();
        assertThat(CoarseClock.INSTANCE.isTicking()).isEqualTo(tickingBefore);
        if (!tickingBefore) {
            Await.until("the ticker thread has exited", () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().equals("lagoon-clock") && t.isAlive()));
        }
    }

    @Test
    void restartingAfterAPauseDoesNotStartFromAStaleTime() {
        Pool.create(new ScriptedFactory(), PoolConfig.builder().name("clock-3").minSize(0).build()).close();
        long afterClose = System.nanoTime();
        Pool<FakeConnection> pool = Pool.create(new ScriptedFactory(), PoolConfig.builder().name("clock-4").minSize(0).build());
        try {
            assertThat(CoarseClock.INSTANCE.nanoTime()).isGreaterThanOrEqualTo(afterClose);
        } finally {
            pool.close();
        }
    }
}
