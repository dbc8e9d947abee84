package dev.lagoon;

import dev.lagoon.testkit.FakeConnection;
import dev.lagoon.testkit.PoolFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListenerTest extends PoolFixture {

    @Test
    void listenerSeesTheLifecycleInOrder() {
        Pool<FakeConnection> pool = start(config("listen-order").minSize(1).maxSize(1));
        Lease<FakeConnection> l = pool.acquire();
        long id = l.id();
        l.close();
        Lease<FakeConnection> again = pool.acquire();
        assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(20))).isInstanceOf(AcquireTimeoutException.class);
        again.invalidate();
        assertThat(events.events()).startsWith("created " + id, "acquired " + id, "released " + id,
                "acquired " + id, "timeout", "released " + id, "destroyed " + id + " INVALIDATED");
    }

    @Test
    void aListenerThatThrowsDoesNotBreakThePool() {
        Pool<FakeConnection> pool = start(config("listen-throws").minSize(1).maxSize(1)
                .listener(new PoolListener() {
                    @Override
                    public void onAcquired(long connectionId, long waitNanos) {
                        throw new IllegalStateException("listener bug");
                    }
                }));
        try (Lease<FakeConnection> l = pool.acquire()) {
            assertThat(l.get()).isNotNull();
        }
        assertThat(events.count("released")).isEqualTo(1);
    }
}
