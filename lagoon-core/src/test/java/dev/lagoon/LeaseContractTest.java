package dev.lagoon;

import dev.lagoon.testkit.Await;
import dev.lagoon.testkit.FakeConnection;
import dev.lagoon.testkit.PoolFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeaseContractTest extends PoolFixture {

    @Test
    void initialConnectionsExistWhenCreateReturns() {
        Pool<FakeConnection> pool = start(config("lease-initial").minSize(2).initialSize(4).maxSize(6));
        assertThat(factory.created()).hasSize(4);
        assertThat(pool.status()).isEqualTo(new PoolStatus(4, 0, 2, 6, 0, 4));
    }

    @Test
    void statusCountsLeasedAndIdleConnections() {
        Pool<FakeConnection> pool = start(config("lease-status").minSize(2).maxSize(10));
        Lease<FakeConnection> a = pool.acquire();
        assertThat(pool.status()).isEqualTo(new PoolStatus(1, 1, 2, 10, 0, 2));
        a.close();
        assertThat(pool.status()).isEqualTo(new PoolStatus(2, 0, 2, 10, 0, 2));
    }

    @Test
    void closeReturnsTheConnectionForReuse() {
        Pool<FakeConnection> pool = start(config("lease-reuse").minSize(1).maxSize(1));
        FakeConnection first;
        try (Lease<FakeConnection> l = pool.acquire()) {
            first = l.get();
        }
        try (Lease<FakeConnection> l = pool.acquire()) {
            assertThat(l.get()).isSameAs(first);
        }
        assertThat(first.resets()).isEqualTo(2);
        assertThat(factory.created()).hasSize(1);
    }

    @Test
    void secondCloseIsANoOp() {
        Pool<FakeConnection> pool = start(config("lease-double").minSize(1).maxSize(2));
        Lease<FakeConnection> l = pool.acquire();
        l.close();
        l.close();
        assertThat(pool.status().available()).isEqualTo(1);
        assertThat(pool.status().used()).isZero();
        assertThat(events.count("released")).isEqualTo(1);
    }

    @Test
    void usingALeaseAfterCloseThrows() {
        Pool<FakeConnection> pool = start(config("lease-after-close").minSize(1).maxSize(1));
        Lease<FakeConnection> l = pool.acquire();
        l.close();
        assertThatThrownBy(l::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("has ended");
        assertThatThrownBy(l::age).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void staleLeaseCannotReachTheConnectionAfterItWasLentAgain() {
        Pool<FakeConnection> pool = start(config("lease-stale").minSize(1).maxSize(1));
        Lease<FakeConnection> stale = pool.acquire();
        stale.close();
        try (Lease<FakeConnection> current = pool.acquire()) {
            assertThatThrownBy(stale::get).isInstanceOf(IllegalStateException.class);
            stale.close();
            stale.invalidate();
            assertThat(current.get().closes()).as("the stale lease did not return or destroy it").isZero();
            assertThat(pool.status().used()).isEqualTo(1);
        }
    }

    @Test
    void invalidateDestroysTheConnectionAndThePoolReplacesIt() {
        Pool<FakeConnection> pool = start(config("lease-invalidate").minSize(1).maxSize(1));
        Lease<FakeConnection> l = pool.acquire();
        FakeConnection broken = l.get();
        l.invalidate();
        l.close();
        assertThat(broken.closes()).isEqualTo(1);
        try (Lease<FakeConnection> next = pool.acquire()) {
            assertThat(next.get()).isNotSameAs(broken);
        }
        assertThat(events.events()).contains("destroyed " + l.id() + " INVALIDATED");
    }

    @Test
    void resetFailureDestroysInsteadOfReturning() {
        Pool<FakeConnection> pool = start(config("lease-reset").minSize(1).maxSize(1));
        Lease<FakeConnection> l = pool.acquire();
        FakeConnection c = l.get();
        factory.resetThrows(true);
        l.close(); // does not throw
        factory.resetThrows(false);
        assertThat(c.closes()).isEqualTo(1);
        assertThat(pool.status().used()).isZero();
        l.close(); // the destroyed lease stays ended
        l.invalidate();
        assertThat(c.closes()).isEqualTo(1);
        try (Lease<FakeConnection> next = pool.acquire()) {
            assertThat(next.get()).isNotSameAs(c);
        }
    }

    @Test
    void leaseReportsIdAndAge() {
        Pool<FakeConnection> pool = start(config("lease-id").minSize(2).maxSize(2));
        Set<Long> ids = new HashSet<>();
        try (Lease<FakeConnection> a = pool.acquire(); Lease<FakeConnection> b = pool.acquire()) {
            ids.add(a.id());
            ids.add(b.id());
            assertThat(a.age()).isGreaterThanOrEqualTo(Duration.ZERO);
        }
        assertThat(ids).hasSize(2);
    }

    @Test
    void poolNeverHoldsMoreThanMaxSize() {
        Pool<FakeConnection> pool = start(config("lease-max").minSize(0).maxSize(3));
        Lease<FakeConnection> a = pool.acquire();
        Lease<FakeConnection> b = pool.acquire();
        Lease<FakeConnection> c = pool.acquire();
        assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(50))).isInstanceOf(AcquireTimeoutException.class);
        assertThat(factory.created()).hasSize(3);
        a.close();
        b.close();
        c.close();
    }

    @Test
    void aConnectionBeingReturnedCountsAsUsedUntilItsResetCompletes() throws Exception {
        Pool<FakeConnection> pool = start(config("lease-returning").minSize(1).maxSize(1));
        Lease<FakeConnection> lease = pool.acquire();
        FakeConnection connection = lease.get();
        CountDownLatch gate = new CountDownLatch(1);
        factory.resetWaitsFor(gate);
        Thread returner = new Thread(lease::close);
        returner.start();
        Await.until("the return is inside reset()", () -> connection.resets() == 1);

        // the return has begun but not finished: not available, still counted as used
        assertThat(pool.status()).isEqualTo(new PoolStatus(0, 1, 1, 1, 0, 1));
        assertThatThrownBy(() -> pool.acquire(Duration.ZERO)).isInstanceOf(AcquireTimeoutException.class);

        gate.countDown();
        returner.join(10_000);
        factory.resetWaitsFor(null);
        assertThat(pool.status()).isEqualTo(new PoolStatus(1, 0, 1, 1, 0, 1));
        lease.close(); // a second close after the first completed does nothing
        try (Lease<FakeConnection> again = pool.acquire(Duration.ZERO)) {
            assertThat(again.get().resets()).isEqualTo(1);
            lease.close(); // nor while the connection is lent again
            lease.invalidate();
            assertThat(again.get().closes()).isZero();
            assertThat(pool.status()).isEqualTo(new PoolStatus(0, 1, 1, 1, 0, 1));
        }
        assertThat(connection.resets()).isEqualTo(2);
    }
}
