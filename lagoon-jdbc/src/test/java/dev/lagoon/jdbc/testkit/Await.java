package dev.lagoon.jdbc.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes; for tests that wait on other threads. */
public final class Await {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private Await() {
    }

    /**
     * @param timeout     the longest wait
     * @param condition   what must become true
     * @param description what was awaited, shown when the deadline passes
     * @throws AssertionError if the condition is still false at the deadline
     */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Not true within " + timeout.toMillis() + " ms: " + description.get());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
