package dev.lagoon.testkit;

import dev.lagoon.internal.Clock;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A policy clock that moves only when a test says so. */
public final class FakeClock implements Clock {
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

    @Override
    public long nanoTime() {
        return now.get();
    }

    /** @param d how far to move forward @return the new time */
    public long advance(Duration d) {
        return now.addAndGet(d.toNanos());
    }

    /** @return the current time */
    public long now() {
        return now.get();
    }
}
