package dev.lagoon;

import dev.lagoon.testkit.Await;
import dev.lagoon.testkit.FakeConnection;
import dev.lagoon.testkit.PoolFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FairWaitingTest extends PoolFixture {

    @Test
    void waitersAreServedFirstInFirstOut() throws Exception {
        Pool<FakeConnection> pool = start(config("fair-fifo").minSize(1).maxSize(1));
        Lease<FakeConnection> held = pool.acquire();
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int me = i;
            Thread t = new Thread(() -> {
                try (Lease<FakeConnection> l = pool.acquire()) {
                    order.add(me);
                }
            });
            threads.add(t);
            t.start();
            Await.until("waiter " + i + " queued", () -> pool.status().pending() == me + 1);
        }
        held.close();
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertThat(order).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void aNewcomerQueuesBehindWaitersUnderFifo() throws Exception {
        Pool<FakeConnection> pool = start(config("fair-newcomer").minSize(1).maxSize(1));
        Lease<FakeConnection> held = pool.acquire();
        CompletableFuture<Lease<FakeConnection>> waiter = pool.acquireAsync();
        Await.until("waiter queued", () -> pool.status().pending() == 1);
        held.close();
        // the returned connection went to the waiter, not to an idle list a newcomer could take
        assertThatThrownBy(() -> pool.acquire(Duration.ZERO)).isInstanceOf(AcquireTimeoutException.class);
        waiter.get(5, TimeUnit.SECONDS).close();
    }

    @Test
    void underBargingARunningBorrowerMayTakeAReturnedConnectionAheadOfAParkedWaiter() throws Exception {
        Pool<FakeConnection> pool = start(config("barging-newcomer").minSize(1).maxSize(1)
                .fairness(Fairness.BARGING).acquireTimeout(Duration.ofSeconds(10)));
        int rounds = 50;
        int barged = 0;
        for (int i = 0; i < rounds; i++) {
            Lease<FakeConnection> held = pool.acquire();
            AtomicReference<Throwable> waiterFailure = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    pool.acquire().close();
                } catch (Throwable e) {
                    waiterFailure.set(e);
                }
            });
            waiter.start();
            Await.until("waiter parked", () -> pool.status().pending() == 1
                    && waiter.getState() == Thread.State.TIMED_WAITING);
            held.close();
            // the waiter has only been woken; this thread is running and may take the connection
            try (Lease<FakeConnection> again = pool.acquire(Duration.ZERO)) {
                assertThat(again.get()).isNotNull();
                barged++;
            } catch (AcquireTimeoutException e) {
                // the woken waiter was quicker this time
            }
            waiter.join(10_000);
            assertThat(waiter.isAlive()).as("the waiter has finished").isFalse();
            assertThat(waiterFailure.get()).as("the waiter got the connection in the end").isNull();
        }
        // FIFO would make every one of these zero-timeout acquires fail (see the FIFO test above)
        assertThat(barged).as("rounds in which the running borrower barged").isPositive();
        assertThat(pool.status()).isEqualTo(new PoolStatus(1, 0, 1, 1, 0, 1));
    }

    @Test
    void underBargingEveryWaiterIsServedWhenConnectionsComeBackTogether() throws Exception {
        Pool<FakeConnection> pool = start(config("barging-wakeups").minSize(4).maxSize(4)
                .fairness(Fairness.BARGING).acquireTimeout(Duration.ofSeconds(20)));
        List<Lease<FakeConnection>> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(pool.acquire());
        }
        int waiters = 12;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int i = 0; i < waiters; i++) {
            Thread t = new Thread(() -> {
                try (Lease<FakeConnection> l = pool.acquire()) {
                    l.get().enter();
                    l.get().exit();
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        Await.until("all waiting", () -> pool.status().pending() == waiters);
        for (Lease<FakeConnection> l : held) {
            l.close(); // four wake-ups at once: none may be lost, or a waiter sleeps until its timeout
        }
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertThat(failures).isEmpty();
        assertThat(pool.status()).isEqualTo(new PoolStatus(4, 0, 4, 4, 0, 4));
    }

    @Test
    void underBargingAnAsyncWaiterIsHandedAReturnedConnection() throws Exception {
        Pool<FakeConnection> pool = start(config("barging-async").minSize(1).maxSize(1).fairness(Fairness.BARGING));
        Lease<FakeConnection> held = pool.acquire();
        CompletableFuture<Lease<FakeConnection>> waiter = pool.acquireAsync();
        Await.until("waiter queued", () -> pool.status().pending() == 1);
        held.close();
        waiter.get(5, TimeUnit.SECONDS).close();
        assertThat(pool.status()).isEqualTo(new PoolStatus(1, 0, 1, 1, 0, 1));
    }

    @Test
    void timedOutWaiterNeverReceivesAndNeverLeaksAConnection() {
        Pool<FakeConnection> pool = start(config("fair-timeout").minSize(1).maxSize(1));
        Lease<FakeConnection> held = pool.acquire();
        assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(50))).isInstanceOf(AcquireTimeoutException.class);
        assertThat(pool.status().pending()).isZero();
        held.close();
        assertThat(pool.status()).isEqualTo(new PoolStatus(1, 0, 1, 1, 0, 1));
        try (Lease<FakeConnection> l = pool.acquire(Duration.ZERO)) {
            assertThat(l.get()).isNotNull();
        }
    }

    @Test
    void fullWaitQueueFailsAtOnceWithPoolExhausted() throws Exception {
        Pool<FakeConnection> pool = start(config("fair-exhausted").minSize(1).maxSize(1).maxWaitQueueSize(2));
        Lease<FakeConnection> held = pool.acquire();
        CompletableFuture<Lease<FakeConnection>> w1 = pool.acquireAsync();
        CompletableFuture<Lease<FakeConnection>> w2 = pool.acquireAsync();
        long t0 = System.nanoTime();
        assertThatThrownBy(pool::acquire).isInstanceOf(PoolExhaustedException.class)
                .hasMessageContaining("1 of max 1 connections in use")
                .hasMessageContaining("2 waiters already queued");
        assertThat((System.nanoTime() - t0) / 1_000_000).as("failed at once").isLessThan(1000);
        assertThat(pool.acquireAsync()).isCompletedExceptionally();
        held.close();
        w1.get(5, TimeUnit.SECONDS).close();
        w2.get(5, TimeUnit.SECONDS).close();
    }

    @Test
    void asyncAcquireCompletesAtOnceWhenAConnectionIsIdle() throws Exception {
        Pool<FakeConnection> pool = start(config("fair-async-idle").minSize(1).maxSize(1));
        CompletableFuture<Lease<FakeConnection>> f = pool.acquireAsync();
        assertThat(f).isDone();
        f.get().close();
    }

    @Test
    void cancelledAsyncWaiterNeverReceivesAConnection() throws Exception {
        Pool<FakeConnection> pool = start(config("fair-async-cancel").minSize(1).maxSize(1));
        Lease<FakeConnection> held = pool.acquire();
        CompletableFuture<Lease<FakeConnection>> cancelled = pool.acquireAsync();
        CompletableFuture<Lease<FakeConnection>> next = pool.acquireAsync();
        Await.until("two waiters", () -> pool.status().pending() == 2);
        assertThat(cancelled.cancel(false)).isTrue();
        assertThat(pool.status().pending()).isEqualTo(1);
        held.close();
        try (Lease<FakeConnection> l = next.get(5, TimeUnit.SECONDS)) {
            assertThat(l.get()).isNotNull();
        }
        assertThat(pool.status()).isEqualTo(new PoolStatus(1, 0, 1, 1, 0, 1));
    }

    @Test
    void asyncAcquireTimesOutWithTheSameException() {
        Pool<FakeConnection> pool = start(config("fair-async-timeout").minSize(1).maxSize(1));
        try (Lease<FakeConnection> held = pool.acquire()) {
            CompletableFuture<Lease<FakeConnection>> f = pool.acquireAsync(Duration.ofMillis(100));
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(AcquireTimeoutException.class);
            assertThat(pool.status().pending()).isZero();
        }
        assertThat(pool.status().available()).isEqualTo(1);
    }

    @Test
    void connectionArrivingForACancelledRequestGoesBackToThePool() throws Exception {
        Pool<FakeConnection> pool = start(config("fair-async-race").minSize(1).maxSize(1));
        for (int i = 0; i < 200; i++) {
            Lease<FakeConnection> held = pool.acquire();
            CompletableFuture<Lease<FakeConnection>> f = pool.acquireAsync();
            Thread releaser = new Thread(held::close);
            releaser.start();
            if (!f.cancel(false)) {
                f.get(5, TimeUnit.SECONDS).close();
            }
            releaser.join(5000);
            Await.until("connection back in the pool", () -> pool.status().available() == 1);
            assertThat(pool.status()).isEqualTo(new PoolStatus(1, 0, 1, 1, 0, 1));
        }
    }

    @Test
    void interruptedWaiterStopsWaitingAndKeepsItsInterruptFlag() throws Exception {
        Pool<FakeConnection> pool = start(config("fair-interrupt").minSize(1).maxSize(1));
        Lease<FakeConnection> held = pool.acquire();
        List<Throwable> seen = new CopyOnWriteArrayList<>();
        List<Boolean> flag = new CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> {
            try {
                pool.acquire(Duration.ofSeconds(30)).close();
            } catch (PoolException e) {
                seen.add(e);
                flag.add(Thread.currentThread().isInterrupted());
            }
        });
        t.start();
        Await.until("queued", () -> pool.status().pending() == 1);
        t.interrupt();
        t.join(5000);
        assertThat(seen).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("Interrupted"));
        assertThat(flag).containsExactly(true);
        assertThat(pool.status().pending()).isZero();
        held.close();
    }
}
