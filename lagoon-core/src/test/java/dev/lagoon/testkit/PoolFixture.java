package dev.lagoon.testkit;

import dev.lagoon.Pool;
import dev.lagoon.PoolConfig;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Base for tests of a real (threaded) pool over a {@link ScriptedFactory}: after every test it
 * closes the pool and checks the factory's invariants, that every connection was closed
 * exactly once, and that no pool thread is left running.
 */
public abstract class PoolFixture {
    protected final ScriptedFactory factory = new ScriptedFactory();
    protected final RecordingListener events = new RecordingListener();
    private final List<Pool<FakeConnection>> pools = new ArrayList<>();
    private int maxSize = Integer.MAX_VALUE;

    protected Pool<FakeConnection> start(PoolConfig.Builder config) {
        PoolConfig c = config.listener(events).build();
        maxSize = Math.min(maxSize == Integer.MAX_VALUE ? c.maxSize() : maxSize, c.maxSize());
        Pool<FakeConnection> pool = Pool.create(factory, c);
        pools.add(pool);
        return pool;
    }

    /** Unique pool names keep the thread check per test. */
    protected static PoolConfig.Builder config(String name) {
        return PoolConfig.builder().name(name).acquireTimeout(Duration.ofSeconds(5));
    }

    @AfterEach
    void closeAndCheckInvariants() {
        factory.releaseHangs();
        for (Pool<FakeConnection> p : pools) {
            p.close();
        }
        factory.assertInvariants(maxSize);
        for (Pool<FakeConnection> p : pools) {
            String prefix = p.name() + "-";
            Await.until("no thread of pool " + p.name() + " left running", () -> Thread.getAllStackTraces().keySet()
                    .stream().noneMatch(t -> t.getName().startsWith(prefix) && t.isAlive()));
        }
        Await.until("every connection closed", () -> factory.alive() == 0);
        factory.assertAllClosedOnce();
    }
}
