package dev.lagoon.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The policy clock of running pools: {@link System#nanoTime()} read by one daemon thread every
 * {@link #TICK_NANOS} and published in a volatile field, so the acquire and release fast paths
 * read a field instead of the clock.
 *
 * <p>Why: on virtual machines whose clock source is not the TSC (kvm-clock, Xen, Hyper-V)
 * {@code System.nanoTime()} costs 25 to 60 ns, and an acquire plus release that must check a
 * connection's lifetime, idle time and validation bypass window needs the time twice, which
 * was most of an uncontended cycle. Policy times are minutes (lifetime, idle timeout) or
 * hundreds of milliseconds (the bypass window), so a resolution of {@link #TICK_NANOS} changes
 * no decision that matters. Borrowers' deadlines do not use this clock.
 *
 * <p>The ticker runs only while at least one pool uses it ({@link #retain()} /
 * {@link #release()}); when the last pool closes it stops, and the next {@code retain} reads
 * the real time before returning, so a pool never starts from a stale time. While the ticker
 * runs, a read lags the real clock by about one tick at most (more only if the ticker thread
 * is starved of CPU, which delays retirement decisions and never makes one early).
 */
public final class CoarseClock implements Clock {
    /** How often the published time is refreshed. */
    public static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** The one instance, shared by every pool in the JVM. */
    public static final CoarseClock INSTANCE = new CoarseClock();

    private final ReentrantLock lock = new ReentrantLock();
    private volatile long now = System.nanoTime();
    private int users;
    /** The running ticker, or null; a ticker exits as soon as it is no longer this one. */
    private volatile Thread ticker;

    private CoarseClock() {
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /** Registers a user; the first one starts the ticker. */
    public void retain() {
        lock.lock();
        try {
            if (users++ == 0) {
                now = System.nanoTime();
                Thread t = new Thread(this::tick, "lagoon-clock");
                t.setDaemon(true);
                ticker = t;
                t.start();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Unregisters a user; the last one stops the ticker. */
    public void release() {
        lock.lock();
        try {
            if (users == 0) {
                throw new IllegalStateException("CoarseClock released more often than retained");
            }
            if (--users == 0) {
                Thread t = ticker;
                ticker = null;
                LockSupport.unpark(t);
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return whether a ticker thread is meant to be running (for tests) */
    public boolean isTicking() {
        return ticker != null;
    }

    private void tick() {
        Thread self = Thread.currentThread();
        while (ticker == self) {
            now = System.nanoTime();
            LockSupport.parkNanos(this, TICK_NANOS);
        }
    }
}
