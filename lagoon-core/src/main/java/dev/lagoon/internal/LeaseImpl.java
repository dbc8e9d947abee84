package dev.lagoon.internal;

import dev.lagoon.Lease;

import java.time.Duration;

/**
 * A lease: the slot plus the stamp of this borrow. It holds no state of its own, so a stale
 * lease (closed, or its slot since lent again under a new stamp) is detected by comparing
 * stamps, and a lease that does not escape the borrower's method can be scalar-replaced by the
 * JIT.
 */
final class LeaseImpl<C> implements Lease<C> {
    private final PoolEngine<C> pool;
    private final Slot<C> slot;
    private final long stamp;

    LeaseImpl(PoolEngine<C> pool, Slot<C> slot, long stamp) {
        this.pool = pool;
        this.slot = slot;
        this.stamp = stamp;
    }

    @Override
    public C get() {
        if (!slot.isLeasedBy(stamp)) {
            throw ended();
        }
        return slot.connection;
    }

    @Override
    public long id() {
        return slot.id;
    }

    @Override
    public Duration age() {
        if (!slot.isLeasedBy(stamp)) {
            throw ended();
        }
        return Duration.ofNanos(pool.clock.nanoTime() - slot.createdAt);
    }

    @Override
    public void close() {
        pool.release(slot, stamp);
    }

    @Override
    public void invalidate() {
        pool.invalidate(slot, stamp);
    }

    private IllegalStateException ended() {
        return new IllegalStateException("Lease of connection " + slot.id + " from pool '" + pool.name()
                + "' has ended (closed or invalidated)");
    }

    @Override
    public String toString() {
        return "Lease{pool=" + pool.name() + ", connection=" + slot.id
                + (slot.isLeasedBy(stamp) ? ", active" : ", ended") + '}';
    }
}
