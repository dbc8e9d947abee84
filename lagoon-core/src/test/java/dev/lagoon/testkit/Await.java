package dev.lagoon.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/** Waits for a condition that background pool threads make true, up to a bounded deadline. */
public final class Await {
    private Await() {
    }

    /**
     * @param what      describes the condition for the failure message
     * @param condition what to wait for
     * @param limit     the longest wait
     * @throws AssertionError if it does not become true in time
     */
    public static void until(String what, BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + limit.toMillis() + " ms waiting for: " + what);
            }
            LockSupport.parkNanos(1_000_000L);
        }
    }

    /** {@link #until(String, BooleanSupplier, Duration)} with a 10 s limit. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, condition, Duration.ofSeconds(10));
    }
}
