package dev.lagoon.internal;

import dev.lagoon.Lease;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * A borrower in the wait queue: a parked thread or an asynchronous request.
 *
 * <p>{@link #state} leaves WAITING exactly once, always under the pool's wait lock, so
 * "served", "timed out", "cancelled" and "pool closed" exclude each other. The slot and stamp
 * are written before the volatile state write that publishes them.
 *
 * @param <C> the connection type
 */
final class Waiter<C> {
    static final int WAITING = 0;
    static final int FULFILLED = 1;
    static final int TIMED_OUT = 2;
    static final int CANCELLED = 3;
    static final int CLOSED = 4;

    /** Guarded by the pool's wait lock for writes. */
    volatile int state;
    /** The parked borrower, or null for an asynchronous one. */
    final Thread thread;
    /** The asynchronous request, or null for a parked borrower. */
    final AsyncRequest<C> request;
    Slot<C> slot;
    long stamp;
    /** BARGING: woken to compete for an idle slot and not yet looked. Written under the wait lock or by the waiter. */
    volatile boolean signalled;

    Waiter(Thread thread) {
        this.thread = thread;
        this.request = null;
    }

    Waiter(AsyncRequest<C> request) {
        this.thread = null;
        this.request = request;
    }

    /** An {@code acquireAsync} call: survives several waiter nodes when validation fails. */
    static final class AsyncRequest<C> {
        final CompletableFuture<Lease<C>> future = new CompletableFuture<>();
        final long startNanos;
        final long deadlineNanos;
        final long timeoutNanos;
        volatile Waiter<C> node;
        volatile ScheduledFuture<?> timeoutTask;

        AsyncRequest(long startNanos, long timeoutNanos) {
            this.startNanos = startNanos;
            this.timeoutNanos = timeoutNanos;
            this.deadlineNanos = startNanos + timeoutNanos;
        }
    }
}
