package dev.lagoon.internal;

/**
 * Delays between failed connection attempts: exponential from {@code initial} up to
 * {@code max}, each with up to 20% random jitter downwards so several pools that lost the same
 * database do not retry in lock-step. While borrowers wait the delay is capped at
 * {@link #WAITER_CAP_NANOS}, so a database that comes back is used within a fraction of a
 * second; that still limits a pool to a handful of attempts per second per creator.
 */
final class Backoff {
    static final long WAITER_CAP_NANOS = 250_000_000L;

    private final long initialNanos;
    private final long maxNanos;

    Backoff(long initialNanos, long maxNanos) {
        this.initialNanos = initialNanos;
        this.maxNanos = maxNanos;
    }

    /**
     * @param failures consecutive failures so far (1 after the first)
     * @param waiters  whether borrowers are waiting
     * @param random   a number in [0, 1) for the jitter
     * @return the delay before the next attempt, in nanoseconds
     */
    long delayNanos(int failures, boolean waiters, double random) {
        int doublings = Math.min(Math.max(failures - 1, 0), 40);
        long d = initialNanos;
        for (int i = 0; i < doublings && d < maxNanos; i++) {
            d <<= 1;
        }
        d = Math.min(d, maxNanos);
        if (waiters) {
            d = Math.min(d, Math.max(WAITER_CAP_NANOS, initialNanos));
        }
        return d - (long) (d * 0.2 * random);
    }
}
