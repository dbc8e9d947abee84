package dev.lagoon;

import dev.lagoon.testkit.Await;
import dev.lagoon.testkit.FakeConnection;
import dev.lagoon.testkit.PoolFixture;
import dev.lagoon.testkit.ScriptedFactory.Step;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloseTest extends PoolFixture {

    @Test
    void waitersFailWithPoolClosed() throws Exception {
        Pool<FakeConnection> pool = start(config("close-waiters").minSize(1).maxSize(1));
        Lease<FakeConnection> held = pool.acquire();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> {
            try {
                pool.acquire(Duration.ofSeconds(30));
            } catch (PoolException e) {
                failures.add(e);
            }
        });
        t.start();
        CompletableFuture<Lease<FakeConnection>> async = pool.acquireAsync();
        Await.until("two waiters", () -> pool.status().pending() == 2);
        pool.close();
        t.join(5000);
        assertThat(failures).singleElement().isInstanceOf(PoolClosedException.class)
                .satisfies(e -> assertThat(e).hasMessageContaining("Connection pool is closed"));
        assertThatThrownBy(() -> async.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(PoolClosedException.class);
        held.close();
    }

    @Test
    void idleConnectionsAreClosedAndLeasedOnesWhenTheyComeBack() {
        Pool<FakeConnection> pool = start(config("close-idle").minSize(3).maxSize(3));
        Lease<FakeConnection> held = pool.acquire();
        pool.close();
        assertThat(factory.created()).filteredOn(c -> c.closes() == 1).hasSize(2);
        assertThat(held.get().closes()).as("still leased: not closed under the borrower").isZero();
        FakeConnection c = held.get();
        held.close();
        assertThat(c.closes()).isEqualTo(1);
        assertThat(pool.status().total()).isZero();
    }

    @Test
    void acquireAfterCloseFails() {
        Pool<FakeConnection> pool = start(config("close-later").minSize(1).maxSize(1));
        pool.close();
        assertThat(pool.isClosed()).isTrue();
        assertThatThrownBy(pool::acquire).isInstanceOf(PoolClosedException.class)
                .hasMessageContaining("Connection pool is closed");
        assertThat(pool.acquireAsync()).isCompletedExceptionally();
    }

    @Test
    void closeIsIdempotent() {
        Pool<FakeConnection> pool = start(config("close-twice").minSize(2).maxSize(2));
        pool.close();
        pool.close();
        assertThat(factory.created()).allMatch(c -> c.closes() == 1);
    }

    @Test
    void closeWithGraceWaitsForLeasesToComeBack() throws Exception {
        Pool<FakeConnection> pool = start(config("close-grace").minSize(1).maxSize(1));
        Lease<FakeConnection> held = pool.acquire();
        Thread returner = new Thread(() -> {
            Await.until("pool closing", pool::isClosed);
            held.close();
        });
        returner.start();
        assertThat(pool.close(Duration.ofSeconds(10))).isTrue();
        returner.join(5000);
        assertThat(factory.created().get(0).closes()).isEqualTo(1);
    }

    @Test
    void closeWithGraceReportsLeasesThatDidNotComeBack() {
        Pool<FakeConnection> pool = start(config("close-grace-late").minSize(1).maxSize(1));
        Lease<FakeConnection> held = pool.acquire();
        assertThat(pool.close(Duration.ofMillis(50))).isFalse();
        held.close();
        assertThat(factory.created().get(0).closes()).isEqualTo(1);
    }

    @Test
    void closeStopsCreatorsBlockedInTheFactory() {
        factory.otherwise(Step.HANG);
        Pool<FakeConnection> pool = start(config("close-hang").minSize(0).maxSize(2));
        CompletableFuture<Lease<FakeConnection>> f = pool.acquireAsync();
        Await.until("a creator is blocked in create()", () -> factory.hanging() > 0);
        pool.close();
        assertThat(f).isCompletedExceptionally();
        Await.until("creator interrupted", () -> factory.hanging() == 0);
        // the fixture checks that no pool thread is left and every connection closed once
    }
}
