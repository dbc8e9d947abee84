package dev.lagoon.phantomdb;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling: waits for a condition that background work makes true, never for a fixed time. */
final class Poll {
    private Poll() {
    }

    static void until(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not true within " + limit.toMillis() + " ms: " + what);
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L);
        }
    }
}
