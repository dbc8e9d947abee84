package dev.lagoon;

import dev.lagoon.testkit.Await;
import dev.lagoon.testkit.FakeConnection;
import dev.lagoon.testkit.PoolFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many borrowers share a small FIFO pool until a shared budget of acquisitions is spent. The
 * bound we promise: every borrower gets at least half and at most twice its fair share
 * (budget / borrowers), so none starves.
 */
class VirtualThreadFairnessTest extends PoolFixture {

    @Test
    @Tag("virtual-threads")
    @EnabledForJreRange(min = JRE.JAVA_21)
    void tenThousandVirtualThreadsSharingThirtyTwoConnectionsAllFinishAndNoneStarves() throws Exception {
        ExecutorService vt = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                .invoke(null);
        run(vt, 10_000, 32, 50_000);
    }

    @Test
    void twoHundredPlatformThreadsSharingEightConnectionsAllFinishAndNoneStarves() throws Exception {
        run(Executors.newFixedThreadPool(200), 200, 8, 4_000);
    }

    private void run(ExecutorService exec, int borrowers, int poolSize, int budget) throws Exception {
        Pool<FakeConnection> pool = start(config("fair-share-" + borrowers).minSize(poolSize).maxSize(poolSize)
                .maxWaitQueueSize(borrowers).acquireTimeout(Duration.ofSeconds(60)));
        AtomicInteger remaining = new AtomicInteger(budget);
        AtomicIntegerArray counts = new AtomicIntegerArray(borrowers);
        // Hold every connection until all borrowers queue, so the race starts from a full queue
        // instead of rewarding the threads that happened to start first.
        List<Lease<FakeConnection>> held = new ArrayList<>();
        for (int i = 0; i < poolSize; i++) {
            held.add(pool.acquire());
        }
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < borrowers; i++) {
                int me = i;
                futures.add(exec.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        try (Lease<FakeConnection> l = pool.acquire()) {
                            FakeConnection c = l.get();
                            c.enter();
                            c.exit();
                        }
                        counts.incrementAndGet(me);
                    }
                    return null;
                }));
            }
            long t0 = System.nanoTime();
            Await.until("all borrowers queued", () -> pool.status().pending() == borrowers, Duration.ofSeconds(60));
            long t1 = System.nanoTime();
            held.forEach(Lease::close);
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
            System.out.printf("%d borrowers queued in %d ms, %d acquisitions in %d ms%n", borrowers,
                    (t1 - t0) / 1_000_000, budget, (System.nanoTime() - t1) / 1_000_000);
        } finally {
            exec.shutdownNow();
        }
        IntSummaryStatistics stats = new IntSummaryStatistics();
        for (int i = 0; i < borrowers; i++) {
            stats.accept(counts.get(i));
        }
        int fair = budget / borrowers;
        assertThat(stats.getSum()).isEqualTo(budget);
        assertThat(stats.getMin()).as("least served borrower (fair share %d): %s", fair, stats)
                .isGreaterThanOrEqualTo(fair / 2);
        assertThat(stats.getMax()).as("most served borrower (fair share %d): %s", fair, stats)
                .isLessThanOrEqualTo(fair * 2);
        assertThat(pool.status().used()).isZero();
    }
}
