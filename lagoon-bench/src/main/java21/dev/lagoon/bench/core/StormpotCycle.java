package dev.lagoon.bench.core;

import dev.lagoon.bench.core.CorePoolBench.Resource;
import org.openjdk.jmh.infra.Blackhole;
import stormpot.Allocator;
import stormpot.Pool;
import stormpot.Pooled;
import stormpot.Slot;
import stormpot.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * stormpot 4.1 for {@link CorePoolBench}: {@code Pool.from(allocator).setSize(n)} with its
 * default expiration (8 to 10 minutes), borrowed with {@code pool.claim(timeout)}, stormpot's
 * default access path (a thread-local cache of the last slot, then the shared queue).
 */
public final class StormpotCycle implements PoolCycle {
    private final Pool<Pooled<Resource>> pool;
    private final Timeout timeout = new Timeout(Duration.ofSeconds(30));

    /**
     * Starts the pool and waits until all its objects exist.
     *
     * @param poolSize objects in the pool
     * @throws InterruptedException if interrupted while waiting for the allocator
     */
    public StormpotCycle(int poolSize) throws InterruptedException {
        pool = Pool.from(new ResourceAllocator()).setSize(poolSize).build();
        // the allocator thread fills the pool in the background: claim every object once
        List<Pooled<Resource>> all = new ArrayList<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            Pooled<Resource> p = pool.claim(timeout);
            if (p == null) {
                throw new IllegalStateException("stormpot did not allocate " + poolSize + " objects within " + timeout);
            }
            all.add(p);
        }
        all.forEach(Pooled::release);
    }

    @Override
    public void cycle(Blackhole blackhole) throws Exception {
        Pooled<Resource> pooled = pool.claim(timeout);
        try {
            blackhole.consume(pooled.object);
        } finally {
            pooled.release();
        }
    }

    @Override
    public void close() {
        try {
            pool.shutdown().await(new Timeout(Duration.ofSeconds(10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class ResourceAllocator implements Allocator<Pooled<Resource>> {
        @Override
        public Pooled<Resource> allocate(Slot slot) {
            return new Pooled<>(slot, new Resource());
        }

        @Override
        public void deallocate(Pooled<Resource> pooled) {
        }
    }
}
