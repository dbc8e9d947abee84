package dev.lagoon;

import dev.lagoon.testkit.FakeConnection;
import dev.lagoon.testkit.PoolFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyTest extends PoolFixture {

    @ParameterizedTest
    @EnumSource(Fairness.class)
    void mustNotHandOneConnectionToTwoBorrowers(Fairness fairness) throws Exception {
        Pool<FakeConnection> pool = start(config("conc-" + fairness).minSize(2).maxSize(8).fairness(fairness)
                .maxWaitQueueSize(64).validationBypassWindow(Duration.ofMillis(1)));
        int threads = 32;
        int rounds = 400;
        AtomicInteger timeouts = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService exec = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(exec.submit(() -> {
                go.await();
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = 0; i < rounds; i++) {
                    try (Lease<FakeConnection> l = pool.acquire(Duration.ofSeconds(10))) {
                        FakeConnection c = l.get();
                        c.enter();
                        try {
                            if (rnd.nextInt(100) == 0) {
                                Thread.onSpinWait();
                            }
                            if (rnd.nextInt(500) == 0) {
                                l.invalidate();
                            }
                        } finally {
                            c.exit();
                        }
                    } catch (AcquireTimeoutException e) {
                        timeouts.incrementAndGet();
                    }
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS); // rethrows an AssertionError from enter()
        }
        exec.shutdown();
        assertThat(done.get()).isEqualTo(threads * rounds);
        assertThat(timeouts.get()).isZero();
        PoolStatus s = pool.status();
        assertThat(s.used()).isZero();
        assertThat(s.pending()).isZero();
        assertThat(s.total()).isBetween(2, 8);
        assertThat(s.available()).isEqualTo(s.total());
    }
}
