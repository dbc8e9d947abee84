package dev.lagoon.internal;

/**
 * The pool's source of time for policy decisions (lifetime, idle time, validation bypass,
 * leak detection). Tests pass a fake clock and move it forward instead of sleeping.
 * Borrowers' wait deadlines always use {@link System#nanoTime()}, because they park real
 * threads.
 */
@FunctionalInterface
public interface Clock {
    /** The JVM's monotonic clock. */
    Clock SYSTEM = System::nanoTime;

    /** @return the current time in nanoseconds, monotonic, with an arbitrary origin */
    long nanoTime();
}
