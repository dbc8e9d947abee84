package dev.lagoon.internal;

import dev.lagoon.AcquireTimeoutException;
import dev.lagoon.ConnectionCreationException;
import dev.lagoon.ConnectionFactory;
import dev.lagoon.DestroyReason;
import dev.lagoon.Fairness;
import dev.lagoon.Lease;
import dev.lagoon.Pool;
import dev.lagoon.PoolClosedException;
import dev.lagoon.PoolConfig;
import dev.lagoon.PoolException;
import dev.lagoon.PoolExhaustedException;
import dev.lagoon.PoolListener;
import dev.lagoon.PoolStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pool engine behind {@link Pool#create}.
 *
 * <h2>How it works</h2>
 * Connections live in {@link Slot}s held in a copy-on-write array. A borrower claims an IDLE
 * slot with one CAS on the slot's own state word, scanning from a per-thread starting point so
 * that a thread keeps getting the connection it used last and threads do not share cache
 * lines; a release resets the connection while the slot is still BORROWED and then ends the
 * lease with one CAS on the same word. The fast paths write nothing shared by all threads (no
 * counter), so they scale with cores.
 *
 * <p>A borrower that finds no idle slot joins the FIFO wait queue (under {@link #waitLock},
 * which is never held while user code runs) and parks. The waiter count lives in
 * {@link #waitWord}, written only under the lock. A release makes its slot IDLE (a CAS, a
 * volatile write) and then reads the waiter count; a new waiter raises the count and then looks for an
 * IDLE slot ({@link #dispatch()}): with sequentially consistent volatile accesses at least one
 * of the two sees the other, so no connection sits idle while a waiter sleeps. Under FIFO
 * fairness a newcomer does not claim an idle slot while anybody waits; returned connections go
 * to the oldest waiter.
 *
 * <p>{@link #status()} is linearizable without a shared counter: it reads every slot's word and
 * the waiter word twice and retries until both reads agree; since no word value ever recurs
 * (see {@link Slot}), agreeing reads prove nothing changed in between. The retries are bounded,
 * so under extreme churn a snapshot may be assembled from slightly different moments.
 *
 * <p>Connections are created by at most {@code maxConcurrentCreates} creator threads, never on
 * a borrower's thread, with exponential back-off while creation fails.
 *
 * <h2>Time</h2>
 * Policy decisions (lifetime, idle time, validation bypass, leaks, back-off) use the injected
 * {@link Clock} ({@link CoarseClock} in production, so the fast paths read a field rather than
 * the system clock); a borrower's deadline uses {@link System#nanoTime()}.
 *
 * <h2>Test mode</h2>
 * With {@code background = false} there are no threads: creation and validation run inline on
 * the calling thread, maintenance runs only when a test calls {@link #maintain(long)}, and
 * asynchronous requests do not time out by themselves. Tests use it to drive the engine
 * deterministically.
 *
 * @param <C> the connection type
 */
public final class PoolEngine<C> implements Pool<C> {
    private static final Logger LOG = LoggerFactory.getLogger(Pool.class);
    private static final long SHUTDOWN_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    final ConnectionFactory<C> factory;
    final PoolConfig config;
    final Clock clock;
    private final String name;
    private final PoolListener listener;
    private final boolean background;
    private final boolean fifo;
    private final int minSize;
    private final int maxSize;
    private final int maxWaiting;
    private final long acquireTimeoutNanos;
    private final long idleTimeoutNanos;
    private final long lifetimeNanos;
    private final long maxBorrows;
    private final boolean validateOnAcquire;
    private final boolean validateOnRelease;
    private final long validationTimeoutNanos;
    private final long bypassNanos;
    private final long leakNanos;
    private final Backoff backoff;

    /**
     * The number of queued WAITING borrowers (low 32 bits) and a version raised on every change
     * (high 32 bits), so {@link #status()} can tell whether it changed. Written only under
     * {@link #waitLock}; read anywhere.
     */
    private volatile long waitWord;
    /** Live connections plus those being created: never above maxSize. */
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger creating = new AtomicInteger();
    private final AtomicInteger activeCreators = new AtomicInteger();
    private final AtomicInteger startupPending = new AtomicInteger();
    /** Zero-timeout borrowers asking for a connection without queueing. */
    private final AtomicInteger probing = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final CountDownLatch startupGate = new CountDownLatch(1);

    /** Copy-on-write; replaced only under {@link #slotsLock}. */
    private volatile Slot<C>[] slots;

    /**
     * Where each thread starts its scan for an idle slot: the index of the slot it last
     * claimed after passing over busy ones, kept per thread-id hash in one of {@value #HINTS}
     * entries, each on its own cache line. A thread keeps coming back to "its" slot while that
     * is free and moves off for good when it is taken, so borrowers that outnumber the slots
     * spread out instead of all falling over to the same neighbour, where two CPUs would take
     * turns on one cache line. Threads sharing an entry share a start; a racy, stale or
     * out-of-range entry only changes where the scan starts.
     */
    private final int[] hints = new int[HINTS * HINT_STRIDE];
    private static final int HINTS = 64;
    private static final int HINT_STRIDE = 16; // ints per 64-byte cache line
    private final ReentrantLock slotsLock = new ReentrantLock();

    /** Guards {@link #waiters}, every Waiter state change and {@link #closed} becoming true. */
    private final ReentrantLock waitLock = new ReentrantLock();
    private final ArrayDeque<Waiter<C>> waiters = new ArrayDeque<>();
    private volatile boolean closed;
    private volatile boolean terminated;

    // Creation failures (back-off). Written by creator threads.
    private volatile Throwable lastCreateFailure;
    private final AtomicInteger failures = new AtomicInteger();
    private volatile long lastFailureAt;
    private volatile double failureJitter;
    private volatile long retryScheduledAt = Long.MAX_VALUE;
    /** A new connection failed validation; creation counts as failing until one passes. */
    private volatile boolean newConnectionsSuspect;

    private final ThreadPoolExecutor creators;
    private final ThreadPoolExecutor helpers;
    private final ScheduledThreadPoolExecutor housekeeper;
    /** Whether this pool holds a reference on {@link CoarseClock#INSTANCE}. */
    private final boolean coarseClock;

    @SuppressWarnings("unchecked")
    private PoolEngine(ConnectionFactory<C> factory, PoolConfig config, Clock clock, boolean background) {
        this.factory = factory;
        this.config = config;
        this.clock = clock;
        this.name = config.name();
        this.listener = SafeListener.of(config.listeners());
        this.background = background;
        this.fifo = config.fairness() == Fairness.FIFO;
        this.minSize = config.minSize();
        this.maxSize = config.maxSize();
        this.maxWaiting = config.maxWaitQueueSize();
        this.acquireTimeoutNanos = config.acquireTimeout().toNanos();
        this.idleTimeoutNanos = config.idleTimeout().toNanos();
        this.lifetimeNanos = config.maxLifetime().toNanos();
        this.maxBorrows = config.maxBorrows();
        this.validateOnAcquire = config.validateOnAcquire();
        this.validateOnRelease = config.validateOnRelease();
        this.validationTimeoutNanos = config.validationTimeout().toNanos();
        this.bypassNanos = config.validationBypassWindow().toNanos();
        this.leakNanos = config.leakDetectionThreshold().toNanos();
        this.backoff = new Backoff(config.creationBackoffInitial().toNanos(), config.creationBackoffMax().toNanos());
        this.slots = (Slot<C>[]) new Slot<?>[0];
        if (background) {
            int n = config.maxConcurrentCreates();
            creators = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    new PoolThreads(name, "creator"));
            creators.allowCoreThreadTimeOut(true);
            helpers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                    new PoolThreads(name, "helper"));
            housekeeper = new ScheduledThreadPoolExecutor(1, new PoolThreads(name, "housekeeper"));
            housekeeper.setRemoveOnCancelPolicy(true);
        } else {
            creators = null;
            helpers = null;
            housekeeper = null;
        }
        this.coarseClock = clock == CoarseClock.INSTANCE;
        if (coarseClock) {
            CoarseClock.INSTANCE.retain();
        }
    }

    /**
     * Starts a pool with real threads and the {@linkplain CoarseClock coarse system clock}.
     *
     * @param factory the connection factory
     * @param config  the configuration
     * @param <C>     the connection type
     * @return the started pool
     */
    public static <C> PoolEngine<C> start(ConnectionFactory<C> factory, PoolConfig config) {
        return start(factory, config, CoarseClock.INSTANCE, true);
    }

    /**
     * Starts a pool.
     *
     * @param factory    the connection factory
     * @param config     the configuration
     * @param clock      the policy clock
     * @param background false for the thread-less test mode described on the class
     * @param <C>        the connection type
     * @return the started pool
     */
    public static <C> PoolEngine<C> start(ConnectionFactory<C> factory, PoolConfig config, Clock clock,
                                          boolean background) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        PoolEngine<C> engine = new PoolEngine<>(factory, config, clock, background);
        engine.startUp();
        return engine;
    }

    private void startUp() {
        LOG.info("Pool '{}' starting: {}", name, config);
        int initial = config.initialSize();
        startupPending.set(initial);
        if (initial == 0) {
            startupGate.countDown();
        }
        fill();
        if (background) {
            boolean done;
            try {
                done = startupGate.await(acquireTimeoutNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new PoolException("Interrupted while starting pool '" + name + "'", e);
            }
            if (config.failFast() && (!done || startupPending.get() > 0)) {
                Throwable cause = lastCreateFailure;
                close();
                throw new ConnectionCreationException("Pool '" + name + "' could not create its " + initial
                        + " initial connections" + (done ? "" : " within " + config.acquireTimeout().toMillis() + " ms"),
                        cause);
            }
            long period = config.maintenanceInterval().toNanos();
            housekeeper.scheduleWithFixedDelay(this::maintainSafely, period, period, TimeUnit.NANOSECONDS);
        } else if (config.failFast() && startupPending.get() > 0) {
            Throwable cause = lastCreateFailure;
            close();
            throw new ConnectionCreationException("Pool '" + name + "' could not create its " + initial
                    + " initial connections", cause);
        }
        LOG.info("Pool '{}' started with {} connections", name, size.get() - creating.get());
    }

    // ------------------------------------------------------------------ acquire

    @Override
    public Lease<C> acquire() {
        return acquireNanos(acquireTimeoutNanos);
    }

    @Override
    public Lease<C> acquire(Duration timeout) {
        return acquireNanos(timeoutNanos(timeout));
    }

    private static long timeoutNanos(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout (" + timeout + ") must be zero or positive");
        }
        return timeout.compareTo(Duration.ofDays(100)) > 0 ? TimeUnit.DAYS.toNanos(100) : timeout.toNanos();
    }

    private Lease<C> acquireNanos(long timeoutNanos) {
        Slot<C> s = acquireSlot(timeoutNanos);
        return new LeaseImpl<>(this, s, s.stamp());
    }

    /**
     * Acquires a connection's slot for an adapter that carries the slot and its stamp in its
     * own lease object (the JDBC wrapper), so a borrow allocates one object instead of two.
     * The caller owns the slot: it reads {@link Slot#stamp()} at once and ends the lease with
     * {@link #release(Slot, long)} or {@link #invalidate(Slot, long)}.
     *
     * @return the borrowed slot
     * @throws PoolException as {@link #acquire()} does
     */
    public Slot<C> acquireSlot() {
        return acquireSlot(acquireTimeoutNanos);
    }

    private Slot<C> acquireSlot(long timeoutNanos) {
        if (!closed && mayClaim()) {
            Slot<C> s = claimAny();
            if (s != null) {
                if (readyWithoutWork(s)) {
                    return s;
                }
                return acquireSlow(timeoutNanos, s, s.stamp());
            }
        }
        return acquireSlow(timeoutNanos, null, 0);
    }

    /** @return whether a newcomer may claim an idle slot now (under FIFO: nobody waits) */
    private boolean mayClaim() {
        return !fifo || (int) waitWord == 0;
    }

    /** The fast path's checks: usable without validation or retirement. Stamps the borrow. */
    private boolean readyWithoutWork(Slot<C> s) {
        long now = clock.nanoTime();
        if (now - s.expiresAt >= 0 || (validateOnAcquire && now - s.lastUsedAt >= bypassNanos)) {
            return false;
        }
        beginBorrow(s, now);
        listener.onAcquired(s.id, 0);
        return true;
    }

    private void beginBorrow(Slot<C> s, long now) {
        if (s.borrows == 0 && newConnectionsSuspect) {
            newConnectionsSuspect = false; // a new connection proved itself: creation is healthy again
            failures.set(0);
        }
        s.borrowedAt = now;
        s.borrows++;
        if (leakNanos > 0) {
            s.leakReported = false;
            s.acquiredAt = new Throwable("Connection " + s.id + " acquired here from pool '" + name + "'");
        }
    }

    private Slot<C> acquireSlow(long timeoutNanos, Slot<C> claimed, long claimedStamp) {
        long start = System.nanoTime();
        long deadline = start + timeoutNanos;
        Slot<C> s = claimed;
        long stamp = claimedStamp;
        for (;;) {
            if (s == null && timeoutNanos == 0) {
                s = tryWithoutWaiting(start);
                stamp = s.stamp();
            } else if (s == null) {
                Waiter<C> w = awaitSlot(start, deadline, timeoutNanos);
                s = w.slot;
                stamp = w.stamp;
            }
            if (prepare(s, stamp, deadline)) {
                listener.onAcquired(s.id, System.nanoTime() - start);
                return s;
            }
            s = null;
            if (!closed && mayClaim()) {
                s = claimAny();
                if (s != null) {
                    stamp = s.stamp();
                }
            }
        }
    }

    /**
     * Makes a claimed slot ready for a borrower: retires it if too old, validates it unless it
     * was used within the bypass window. The caller owns the slot (BORROWED with {@code stamp}).
     *
     * @return true if the slot may be handed out; false if it was destroyed
     */
    private boolean prepare(Slot<C> s, long stamp, long deadline) {
        long now = clock.nanoTime();
        if (now - s.expiresAt >= 0) {
            if (s.killLease(stamp)) {
                retire(s, DestroyReason.MAX_LIFETIME, true);
            }
            return false;
        }
        if (validateOnAcquire && now - s.lastUsedAt >= bypassNanos) {
            long budget = Math.min(validationTimeoutNanos, Math.max(deadline - System.nanoTime(), 1_000_000L));
            Verdict v = validate(s, budget);
            if (v != Verdict.VALID) {
                LOG.warn("Pool '{}': connection {} failed validation on acquire ({}); replacing it", name, s.id,
                        v == Verdict.TIMED_OUT ? "timed out" : "invalid");
                if (s.borrows == 0) {
                    // A brand-new connection that fails validation means creating more is futile for
                    // now: back off as for a failed create instead of looping create-validate-destroy.
                    newConnectionsSuspect = true;
                    recordCreationFailure(new ConnectionCreationException("new connection " + s.id
                            + " failed validation (" + (v == Verdict.TIMED_OUT ? "timed out" : "invalid") + ")", null));
                }
                if (s.killLease(stamp)) {
                    retire(s, v == Verdict.TIMED_OUT ? DestroyReason.VALIDATION_TIMEOUT : DestroyReason.VALIDATION_FAILED,
                            v != Verdict.TIMED_OUT);
                }
                return false;
            }
            now = clock.nanoTime();
            s.lastUsedAt = now;
        }
        beginBorrow(s, now);
        return true;
    }

    /**
     * Claims an IDLE slot, scanning once from this thread's starting point.
     *
     * @return the claimed slot, or null if the scan found none idle
     */
    private Slot<C> claimAny() {
        Slot<C>[] arr = slots;
        int n = arr.length;
        if (n == 0) {
            return null;
        }
        int th = (int) (Thread.currentThread().getId() * 0x9E3779B9L) >>> 1;
        int hintAt = (th & (HINTS - 1)) * HINT_STRIDE;
        int i = hints[hintAt] - 1; // 0 = none yet
        if (i < 0 || i >= n) {
            i = th % n;
        }
        for (int k = 0; k < n; k++) {
            Slot<C> s = arr[i];
            if (s.tryBorrow() >= 0) {
                if (k != 0) {
                    hints[hintAt] = i + 1;
                }
                return s;
            }
            if (++i == n) {
                i = 0;
            }
        }
        return null;
    }

    /**
     * Claims an IDLE slot, or proves that at one instant during the call none could be
     * claimed: two scans that read identical words (and the same array, and under FIFO the
     * same waiter word) saw a state that held between them. A single scan cannot prove it: a
     * slot released behind the scan while another is taken ahead of it would be missed though
     * one was idle throughout. Used where a failure is reported (a zero-timeout acquire).
     *
     * @return the claimed slot, or null if none was claimable
     */
    private Slot<C> claimOrProveNone() {
        long[] seen = null;
        for (;;) {
            long ww = waitWord;
            Slot<C>[] arr = slots;
            if (seen == null || seen.length != arr.length) {
                seen = new long[arr.length];
            }
            for (int i = 0; i < arr.length; i++) {
                seen[i] = arr[i].word();
            }
            if (!fifo || (int) ww == 0) {
                Slot<C> s = claimAny();
                if (s != null) {
                    return s;
                }
            }
            if (unchanged(arr, seen, ww) && (fifo && (int) ww != 0 || noneIdle(seen))) {
                return null;
            }
        }
    }

    /**
     * The second read of a double collect: whether the slot array, every slot's word and the
     * waiter word are still what the first read saw. No word value recurs, so equal reads mean
     * nothing changed in between.
     */
    private boolean unchanged(Slot<C>[] arr, long[] seen, long ww) {
        if (slots != arr || waitWord != ww) {
            return false;
        }
        for (int i = 0; i < arr.length; i++) {
            if (arr[i].word() != seen[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean noneIdle(long[] words) {
        for (long w : words) {
            if (Slot.stateOf(w) == Slot.IDLE) {
                return false;
            }
        }
        return true;
    }

    /**
     * A zero-timeout acquire that found no idle slot: it never joins the wait queue (so
     * {@code pending} only ever counts borrowers that really wait), but it does ask for a
     * connection, which the thread-less test mode creates inline before the second try.
     */
    private Slot<C> tryWithoutWaiting(long start) {
        probing.incrementAndGet();
        try {
            fill();
        } finally {
            probing.decrementAndGet();
        }
        if (closed) {
            throw new PoolClosedException(name);
        }
        Slot<C> s = claimOrProveNone();
        if (s != null) {
            return s;
        }
        listener.onTimeout(System.nanoTime() - start);
        throw new AcquireTimeoutException(name, Duration.ZERO, lastCreateFailure);
    }

    /** Parks the caller in the wait queue until served, or throws at the deadline. */
    private Waiter<C> awaitSlot(long start, long deadline, long timeoutNanos) {
        Waiter<C> w = new Waiter<>(Thread.currentThread());
        waitLock.lock();
        try {
            if (closed) {
                throw new PoolClosedException(name);
            }
            Slot<C> s = mayClaim() ? claimAny() : null;
            if (s != null) {
                w.slot = s;
                w.stamp = s.stamp();
                return w;
            }
            int waiting = (int) waitWord;
            if (waiting >= maxWaiting) {
                throw new PoolExhaustedException(name, countUsed(), maxSize, waiting);
            }
            waiters.addLast(w);
            addWaiting(1);
        } finally {
            waitLock.unlock();
        }
        fill();
        if (fifo) {
            dispatch(); // a slot made idle before our count was visible: its releaser did not see us
        }
        boolean interrupted = false;
        try {
            for (;;) {
                int st = w.state;
                if (st == Waiter.FULFILLED) {
                    return w;
                }
                if (st == Waiter.CLOSED) {
                    throw new PoolClosedException(name);
                }
                if (!fifo && claimWhileQueued(w)) {
                    return w;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    if (cancel(w, Waiter.TIMED_OUT)) {
                        long waited = System.nanoTime() - start;
                        listener.onTimeout(waited);
                        LOG.debug("Pool '{}': borrower timed out after {} ms", name, waited / 1_000_000);
                        throw new AcquireTimeoutException(name, Duration.ofNanos(timeoutNanos), lastCreateFailure);
                    }
                    continue;
                }
                LockSupport.parkNanos(this, remaining);
                if (Thread.interrupted()) {
                    if (cancel(w, Waiter.CANCELLED)) {
                        Thread.currentThread().interrupt();
                        throw new PoolException("Interrupted while waiting for a connection from pool '" + name + "'",
                                new InterruptedException());
                    }
                    interrupted = true; // served concurrently: keep the connection, restore the flag
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * BARGING: a queued borrower (just enqueued, or woken by {@link #dispatch()}) competes for
     * an idle slot like any newcomer. It clears its wake-up mark <em>before</em> scanning, so a
     * slot made idle after the scan wakes it again.
     *
     * @return true if it claimed a slot and left the queue ({@code w.slot} is set)
     */
    private boolean claimWhileQueued(Waiter<C> w) {
        w.signalled = false;
        Slot<C> s = claimAny();
        if (s == null) {
            return false;
        }
        waitLock.lock();
        try {
            if (w.state == Waiter.WAITING) {
                w.state = Waiter.FULFILLED;
                addWaiting(-1);
                w.slot = s;
                w.stamp = s.stamp();
            }
        } finally {
            waitLock.unlock();
        }
        if (w.state != Waiter.FULFILLED) {
            release(s, s.stamp()); // the pool closed meanwhile: the caller sees CLOSED next
            return false;
        }
        if ((int) waitWord != 0) {
            dispatch(); // more slots may be idle than threads were woken (or an async request heads the queue)
        }
        return true;
    }

    /** Takes a waiter out of the queue if it still waits. @return whether this call did it */
    private boolean cancel(Waiter<C> w, int newState) {
        boolean passOn;
        waitLock.lock();
        try {
            if (w.state != Waiter.WAITING) {
                return false;
            }
            w.state = newState;
            passOn = w.signalled; // BARGING: woken for a slot it will not take; wake another
            addWaiting(-1);
            if (waiters.size() > 64 && waiters.size() > 2 * (int) waitWord) {
                waiters.removeIf(x -> x.state != Waiter.WAITING); // lazy deletion, bounded garbage
            }
        } finally {
            waitLock.unlock();
        }
        if (passOn) {
            dispatch();
        }
        return true;
    }

    /**
     * Changes the waiter count by {@code delta} and raises the version. Caller holds {@link #waitLock}.
     */
    private void addWaiting(int delta) {
        long w = waitWord;
        waitWord = ((w >>> 32) + 1) << 32 | ((int) w + delta) & 0xFFFF_FFFFL;
    }

    /**
     * Serves queued waiters after a slot became idle. Never holds the lock while a waiter is woken.
     *
     * <p>FIFO: hands idle slots to the oldest waiters, one claimed slot each, while both last.
     * <p>BARGING: wakes the oldest waiting thread not already woken and lets it compete for the
     * slot ({@link #claimWhileQueued}); a running borrower may take it first, in which case the
     * woken thread parks again. At most one wake-up per call, i.e. per slot made idle; a woken
     * thread that gets a slot calls this again, so idle slots and waiters never stay apart.
     * Asynchronous requests have no thread to wake: at the head of the queue they are handed a
     * slot as in FIFO.
     */
    private void dispatch() {
        for (;;) {
            Waiter<C> w;
            waitLock.lock();
            try {
                w = waiters.peekFirst();
                while (w != null && w.state != Waiter.WAITING) {
                    waiters.pollFirst();
                    w = waiters.peekFirst();
                }
                if (w == null) {
                    return;
                }
                if (!fifo && w.thread != null) {
                    // nobody to wake if no slot is idle (its taker's own return calls us again), or
                    // if every waiting thread is already awake and will look
                    w = countIdle() > 0 ? firstUnsignalled() : null;
                    if (w == null) {
                        return;
                    }
                    w.signalled = true;
                } else {
                    Slot<C> s = claimAny();
                    if (s == null) {
                        return;
                    }
                    waiters.pollFirst();
                    addWaiting(-1);
                    w.slot = s;
                    w.stamp = s.stamp();
                    w.state = Waiter.FULFILLED;
                }
            } finally {
                waitLock.unlock();
            }
            if (w.thread != null) {
                LockSupport.unpark(w.thread);
                if (!fifo) {
                    return;
                }
            } else {
                Waiter.AsyncRequest<C> req = w.request;
                Slot<C> s = w.slot;
                long stamp = w.stamp;
                runHelper(() -> prepareAsync(req, s, stamp), () -> failAsync(req, s, stamp));
            }
        }
    }

    /** @return the oldest waiting thread not yet woken, or null. Caller holds {@link #waitLock}. */
    private Waiter<C> firstUnsignalled() {
        for (Waiter<C> x : waiters) {
            if (x.state == Waiter.WAITING && x.thread != null && !x.signalled) {
                return x;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ async acquire

    @Override
    public CompletableFuture<Lease<C>> acquireAsync() {
        return acquireAsyncNanos(acquireTimeoutNanos);
    }

    @Override
    public CompletableFuture<Lease<C>> acquireAsync(Duration timeout) {
        return acquireAsyncNanos(timeoutNanos(timeout));
    }

    private CompletableFuture<Lease<C>> acquireAsyncNanos(long timeoutNanos) {
        Waiter.AsyncRequest<C> req = new Waiter.AsyncRequest<>(System.nanoTime(), timeoutNanos);
        req.future.whenComplete((lease, error) -> {
            if (req.future.isCancelled() || error != null) {
                Waiter<C> node = req.node;
                if (node != null) {
                    cancel(node, Waiter.CANCELLED);
                }
            }
        });
        attemptAsync(req);
        return req.future;
    }

    private void attemptAsync(Waiter.AsyncRequest<C> req) {
        if (req.future.isDone()) {
            return;
        }
        if (closed) {
            req.future.completeExceptionally(new PoolClosedException(name));
            return;
        }
        Slot<C> fast = mayClaim() ? claimAny() : null;
        if (fast != null) {
            prepareAsync(req, fast, fast.stamp());
            return;
        }
        Waiter<C> node = new Waiter<>(req);
        Slot<C> claimed = null;
        waitLock.lock();
        try {
            if (closed) {
                req.future.completeExceptionally(new PoolClosedException(name));
                return;
            }
            claimed = mayClaim() ? claimAny() : null;
            if (claimed == null) {
                int waiting = (int) waitWord;
                if (waiting >= maxWaiting) {
                    req.future.completeExceptionally(new PoolExhaustedException(name, countUsed(), maxSize, waiting));
                    return;
                }
                waiters.addLast(node);
                addWaiting(1);
                req.node = node;
            }
        } finally {
            waitLock.unlock();
        }
        if (claimed != null) {
            prepareAsync(req, claimed, claimed.stamp());
            return;
        }
        if (req.future.isDone()) { // cancelled before the node was visible to the cancel hook
            cancel(node, Waiter.CANCELLED);
            return;
        }
        if (background && req.timeoutTask == null) {
            long remaining = Math.max(0, req.deadlineNanos - System.nanoTime());
            try {
                req.timeoutTask = housekeeper.schedule(() -> timeoutAsync(req), remaining, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                timeoutAsync(req);
            }
        }
        fill();
        dispatch(); // see awaitSlot
    }

    private void timeoutAsync(Waiter.AsyncRequest<C> req) {
        if (req.future.isDone()) {
            return;
        }
        long waited = System.nanoTime() - req.startNanos;
        if (req.future.completeExceptionally(
                new AcquireTimeoutException(name, Duration.ofNanos(req.timeoutNanos), lastCreateFailure))) {
            listener.onTimeout(waited);
        }
        Waiter<C> node = req.node;
        if (node != null) {
            cancel(node, Waiter.TIMED_OUT);
        }
    }

    /** Readies a slot claimed for an async request, validating on a helper thread if needed. */
    private void prepareAsync(Waiter.AsyncRequest<C> req, Slot<C> s, long stamp) {
        if (readyWithoutWork(s)) {
            deliver(req, s, stamp);
            return;
        }
        runHelper(() -> {
            if (prepare(s, stamp, req.deadlineNanos)) {
                listener.onAcquired(s.id, System.nanoTime() - req.startNanos);
                deliver(req, s, stamp);
            } else {
                attemptAsync(req);
            }
        }, () -> failAsync(req, s, stamp));
    }

    private void deliver(Waiter.AsyncRequest<C> req, Slot<C> s, long stamp) {
        if (req.future.complete(new LeaseImpl<>(this, s, stamp))) {
            var t = req.timeoutTask;
            if (t != null) {
                t.cancel(false);
            }
        } else {
            release(s, stamp); // cancelled or timed out meanwhile: the connection goes back
        }
    }

    private void failAsync(Waiter.AsyncRequest<C> req, Slot<C> s, long stamp) {
        release(s, stamp);
        req.future.completeExceptionally(new PoolClosedException(name));
    }

    private void runHelper(Runnable task, Runnable onRejected) {
        if (!background) {
            task.run();
            return;
        }
        try {
            helpers.execute(task);
        } catch (RejectedExecutionException e) {
            onRejected.run();
        }
    }

    // ------------------------------------------------------------------ release

    /**
     * Returns a leased slot: resets the connection while the slot is still BORROWED, runs the
     * retirement checks, then ends the lease with one compare-and-set. A stale call (the lease
     * already returned or destroyed) does nothing. Calls for one lease must not overlap: two
     * concurrent returns would both reset the connection, possibly after the first made it
     * idle. The lease objects ({@link LeaseImpl}, the JDBC wrapper) return a lease once.
     *
     * @param s     the slot
     * @param stamp the stamp of the lease being ended
     */
    public void release(Slot<C> s, long stamp) {
        release(s, stamp, true);
    }

    /**
     * Returns a leased slot whose connection its borrower never used (the JDBC wrapper's
     * getConnection-then-close): as {@link #release(Slot, long)}, but without the reset, since
     * there is nothing to undo. Unless {@link #validatesOnRelease()}, this return never touches
     * the connection, so two overlapping calls for one lease are harmless: one ends the lease,
     * the other does nothing, and neither can reach a later borrower's connection.
     *
     * @param s     the slot
     * @param stamp the stamp of the lease being ended
     */
    public void releaseUnused(Slot<C> s, long stamp) {
        release(s, stamp, false);
    }

    /** @return whether a return validates the connection (so even an unused one is touched) */
    public boolean validatesOnRelease() {
        return validateOnRelease;
    }

    private void release(Slot<C> s, long stamp, boolean reset) {
        if (!s.isLeasedBy(stamp)) {
            return; // a stale lease: returned before, or destroyed
        }
        long now = clock.nanoTime();
        listener.onReleased(s.id, now - s.borrowedAt);
        if (leakNanos > 0) {
            s.acquiredAt = null;
        }
        DestroyReason reason = null;
        if (closed) {
            reason = DestroyReason.POOL_CLOSED;
        } else if (reset && !resetSafely(s)) {
            reason = DestroyReason.RESET_FAILED;
        } else if (now - s.expiresAt >= 0) {
            reason = DestroyReason.MAX_LIFETIME;
        } else if (maxBorrows > 0 && s.borrows >= maxBorrows) {
            reason = DestroyReason.MAX_BORROWS;
        } else if (validateOnRelease) {
            Verdict v = validate(s, validationTimeoutNanos);
            if (v == Verdict.VALID) {
                now = clock.nanoTime();
            } else {
                LOG.warn("Pool '{}': connection {} failed validation on release ({})", name, s.id,
                        v == Verdict.TIMED_OUT ? "timed out" : "invalid");
                reason = v == Verdict.TIMED_OUT ? DestroyReason.VALIDATION_TIMEOUT : DestroyReason.VALIDATION_FAILED;
            }
        }
        if (reason != null) {
            if (s.killLease(stamp)) {
                // a validation that timed out still owns the connection: it closes it when it returns
                retire(s, reason, reason != DestroyReason.VALIDATION_TIMEOUT);
            }
            return;
        }
        s.lastUsedAt = now;
        if (!s.endLease(stamp)) {
            return; // invalidated meanwhile by an overlapping call (a misuse the lease objects prevent)
        }
        if ((int) waitWord != 0) {
            dispatch();
        }
        if (closed) {
            drainIdle();
        }
    }

    private boolean resetSafely(Slot<C> s) {
        try {
            factory.reset(s.connection);
            return true;
        } catch (Throwable t) {
            LOG.warn("Pool '{}': reset of connection {} failed; destroying it", name, s.id, t);
            return false;
        }
    }

    /**
     * Destroys a leased slot at its borrower's request. A stale call does nothing.
     *
     * @param s     the slot
     * @param stamp the stamp of the lease being ended
     */
    public void invalidate(Slot<C> s, long stamp) {
        if (!s.killLease(stamp)) {
            return;
        }
        listener.onReleased(s.id, clock.nanoTime() - s.borrowedAt);
        LOG.debug("Pool '{}': connection {} invalidated by its borrower", name, s.id);
        retire(s, DestroyReason.INVALIDATED, true);
    }

    /**
     * Books out a slot that its owner has just moved to DEAD: counts, array, the connection
     * itself, the listener, and a refill. With {@code closeConnection == false} (a validation
     * that timed out) the connection stays counted in {@link #size} until the abandoned
     * validation returns and closes it, so the pool never has more than maxSize open.
     */
    private void retire(Slot<C> s, DestroyReason reason, boolean closeConnection) {
        removeSlot(s);
        if (closeConnection) {
            closeConnection(s.connection, s.id);
            size.decrementAndGet(); // only now may a replacement be created
        }
        LOG.debug("Pool '{}': connection {} destroyed ({})", name, s.id, reason);
        listener.onDestroyed(s.id, reason);
        if (!closed) {
            fill();
        }
    }

    private void closeConnection(C connection, long id) {
        try {
            factory.close(connection);
        } catch (Throwable t) {
            LOG.warn("Pool '{}': closing connection {} failed", name, id, t);
        }
    }

    // ------------------------------------------------------------------ validation

    private enum Verdict { VALID, INVALID, TIMED_OUT }

    private Verdict validate(Slot<C> s, long timeoutNanos) {
        if (!background) {
            try {
                return factory.validate(s.connection) ? Verdict.VALID : Verdict.INVALID;
            } catch (Throwable t) {
                LOG.debug("Pool '{}': validation of connection {} threw", name, s.id, t);
                return Verdict.INVALID;
            }
        }
        ValidationTask task = new ValidationTask(s);
        try {
            helpers.execute(task);
        } catch (RejectedExecutionException e) {
            return Verdict.INVALID;
        }
        return task.await(timeoutNanos);
    }

    /**
     * One validation on a helper thread. If the borrower stops waiting (timeout), the task
     * becomes the connection's last owner and closes it when {@code validate} finally returns,
     * so validate and close never run at the same time.
     */
    private final class ValidationTask implements Runnable {
        private static final int RUNNING = 0;
        private static final int VALID = 1;
        private static final int INVALID = 2;
        private static final int ABANDONED = 3;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private final Slot<C> slot;
        private final Thread waiter = Thread.currentThread();

        ValidationTask(Slot<C> slot) {
            this.slot = slot;
        }

        @Override
        public void run() {
            boolean ok;
            try {
                ok = factory.validate(slot.connection);
            } catch (Throwable t) {
                LOG.debug("Pool '{}': validation of connection {} threw", name, slot.id, t);
                ok = false;
            }
            if (state.compareAndSet(RUNNING, ok ? VALID : INVALID)) {
                LockSupport.unpark(waiter);
            } else {
                closeConnection(slot.connection, slot.id); // abandoned: we are its last owner
                size.decrementAndGet();
                if (!closed) {
                    fill();
                }
            }
        }

        Verdict await(long timeoutNanos) {
            long deadline = System.nanoTime() + timeoutNanos;
            boolean interrupted = false;
            try {
                for (;;) {
                    int st = state.get();
                    if (st == VALID) {
                        return Verdict.VALID;
                    }
                    if (st == INVALID) {
                        return Verdict.INVALID;
                    }
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0 && state.compareAndSet(RUNNING, ABANDONED)) {
                        return Verdict.TIMED_OUT;
                    }
                    LockSupport.parkNanos(this, Math.max(remaining, 1));
                    if (Thread.interrupted()) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    // ------------------------------------------------------------------ creation

    /** Starts creator tasks while connections are wanted, up to maxConcurrentCreates at once. */
    private void fill() {
        for (;;) {
            int active = activeCreators.get();
            if (active >= config.maxConcurrentCreates()) {
                return;
            }
            long demand = creationDemand();
            if (demand != NOW) {
                if (demand > 0) {
                    scheduleRetry(demand);
                }
                return;
            }
            if (activeCreators.compareAndSet(active, active + 1)) {
                if (!background) {
                    creatorLoop();
                    continue;
                }
                try {
                    creators.execute(this::creatorLoop);
                } catch (RejectedExecutionException e) {
                    activeCreators.decrementAndGet();
                }
                return;
            }
        }
    }

    private static final long NONE = 0;
    private static final long NOW = -1;

    /**
     * @return {@link #NOW} if a connection should be created now, {@link #NONE} if none is
     * wanted, or the policy-clock time at which the back-off allows the next attempt
     */
    private long creationDemand() {
        if (closed) {
            return NONE;
        }
        int s = size.get();
        if (s >= maxSize) {
            return NONE;
        }
        int waiting = (int) waitWord;
        int probes = probing.get();
        boolean wanted = s < minSize || startupPending.get() > 0 || waiting > creating.get()
                || probes > 0 && probes > creating.get() + countIdle();
        if (!wanted) {
            return NONE;
        }
        int f = failures.get();
        if (f == 0) {
            return NOW;
        }
        long allowedAt = lastFailureAt + backoff.delayNanos(f, waiting > 0, failureJitter);
        if (clock.nanoTime() - allowedAt >= 0) {
            return NOW;
        }
        return allowedAt == NONE || allowedAt == NOW ? allowedAt + 2 : allowedAt;
    }

    private void scheduleRetry(long allowedAt) {
        if (!background) {
            return; // test mode: the next call that wants a connection retries
        }
        long scheduled = retryScheduledAt;
        if (scheduled != Long.MAX_VALUE && scheduled - allowedAt <= 0 && scheduled - clock.nanoTime() > 0) {
            return; // an earlier or equal retry is already pending
        }
        retryScheduledAt = allowedAt;
        long delay = Math.max(0, allowedAt - clock.nanoTime());
        try {
            housekeeper.schedule(() -> {
                retryScheduledAt = Long.MAX_VALUE;
                fill();
            }, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    private void creatorLoop() {
        try {
            while (creationDemand() == NOW && reserveCreate()) {
                if (!createOne()) {
                    break;
                }
            }
        } finally {
            activeCreators.decrementAndGet();
        }
        if (background && creationDemand() != NONE) {
            fill();
        }
    }

    private boolean reserveCreate() {
        for (;;) {
            int s = size.get();
            if (s >= maxSize) {
                return false;
            }
            if (size.compareAndSet(s, s + 1)) {
                creating.incrementAndGet();
                return true;
            }
        }
    }

    /** Creates one connection (size and creating already reserved). @return false on failure */
    private boolean createOne() {
        long t0 = clock.nanoTime();
        C c;
        try {
            c = factory.create();
            if (c == null) {
                throw new NullPointerException("ConnectionFactory.create() returned null");
            }
        } catch (Throwable t) {
            creating.decrementAndGet();
            size.decrementAndGet();
            if (closed) {
                return false;
            }
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            recordCreationFailure(t);
            startupGate.countDown();
            return false;
        }
        long now = clock.nanoTime();
        if (!newConnectionsSuspect) {
            failures.set(0);
            lastCreateFailure = null;
        }
        long expiresAt = Long.MAX_VALUE;
        if (lifetimeNanos > 0) {
            long jitter = (long) (lifetimeNanos * 0.025 * ThreadLocalRandom.current().nextDouble());
            expiresAt = now + lifetimeNanos - jitter;
        }
        Slot<C> s = new Slot<>(ids.incrementAndGet(), c, now, expiresAt);
        slotsLock.lock();
        try {
            if (closed) {
                closeConnection(c, s.id);
                creating.decrementAndGet();
                size.decrementAndGet();
                return false;
            }
            Slot<C>[] old = slots;
            Slot<C>[] arr = Arrays.copyOf(old, old.length + 1);
            arr[old.length] = s;
            slots = arr;
        } finally {
            slotsLock.unlock();
        }
        creating.decrementAndGet();
        LOG.debug("Pool '{}': connection {} created in {} ms", name, s.id, (now - t0) / 1_000_000);
        listener.onCreated(s.id, now - t0);
        offerIdle();
        if (startupPending.get() > 0 && startupPending.decrementAndGet() <= 0) {
            startupGate.countDown(); // after offerIdle: create() returns with the connection available
        }
        return true;
    }

    private void recordCreationFailure(Throwable t) {
        int f = failures.incrementAndGet();
        lastCreateFailure = t;
        failureJitter = ThreadLocalRandom.current().nextDouble();
        lastFailureAt = clock.nanoTime();
        long next = backoff.delayNanos(f, (int) waitWord > 0, failureJitter);
        LOG.error("Pool '{}': could not create a usable connection (failure {} in a row; next attempt in {} ms): {}",
                name, f, next / 1_000_000, t.toString());
        LOG.debug("Pool '{}': creation failure detail", name, t);
        listener.onCreationFailed(t);
    }

    /** Serves waiters after a new slot has been published IDLE (see the class comment). */
    private void offerIdle() {
        if ((int) waitWord != 0) {
            dispatch();
        }
        if (closed) {
            drainIdle();
        }
    }

    private void removeSlot(Slot<C> s) {
        slotsLock.lock();
        try {
            Slot<C>[] old = slots;
            int n = old.length;
            for (int i = 0; i < n; i++) {
                if (old[i] == s) {
                    @SuppressWarnings("unchecked")
                    Slot<C>[] arr = (Slot<C>[]) new Slot<?>[n - 1];
                    System.arraycopy(old, 0, arr, 0, i);
                    System.arraycopy(old, i + 1, arr, i, n - i - 1);
                    slots = arr;
                    return;
                }
            }
        } finally {
            slotsLock.unlock();
        }
    }

    // ------------------------------------------------------------------ maintenance

    private void maintainSafely() {
        try {
            maintain(clock.nanoTime());
        } catch (Throwable t) {
            LOG.error("Pool '{}': maintenance failed", name, t);
        }
    }

    /**
     * One maintenance pass at policy time {@code now}: retires idle connections past their
     * lifetime, closes those idle longer than idleTimeout while more than minSize are open,
     * reports suspected leaks, and refills to minSize. Called by the housekeeper thread every
     * maintenanceInterval, and by tests with a fake time.
     *
     * @param now the policy-clock time
     */
    public void maintain(long now) {
        if (closed) {
            return;
        }
        int live = size.get() - creating.get();
        for (Slot<C> s : slots) {
            if (s.isIdle()) {
                DestroyReason reason = null;
                if (now - s.expiresAt >= 0) {
                    reason = DestroyReason.MAX_LIFETIME;
                } else if (idleTimeoutNanos > 0 && now - s.lastUsedAt >= idleTimeoutNanos && live > minSize) {
                    reason = DestroyReason.IDLE_TIMEOUT;
                }
                if (reason != null && s.tryReserve()) {
                    live--;
                    s.killReserved();
                    retire(s, reason, true);
                }
            } else if (leakNanos > 0 && s.isBorrowed()) {
                long held = now - s.borrowedAt;
                if (held > leakNanos && !s.leakReported) {
                    s.leakReported = true;
                    Throwable where = s.acquiredAt;
                    LOG.warn("Pool '{}': connection {} has been leased for {} ms; possible leak", name, s.id,
                            held / 1_000_000, where);
                    listener.onLeakSuspected(s.id, held, where);
                }
            }
        }
        fill();
    }

    // ------------------------------------------------------------------ status and close

    /**
     * {@inheritDoc}
     *
     * <p>Linearizable: reads every slot's word and the waiter word, then reads them again, and
     * retries until both reads agree (see the class comment). If {@value #STATUS_ATTEMPTS}
     * attempts in a row see a change (only under a churn of many borrows per microsecond), it
     * returns its last read: each slot's state as it was when read, possibly at slightly
     * different moments, and still {@code available + used <= total}. A slot being returned
     * counts as used until its reset is done; RESERVED and DEAD ones count as neither;
     * {@code total} counts live connections, those being created excluded.
     */
    @Override
    public PoolStatus status() {
        long[] seen = null;
        for (int attempt = 1; ; attempt++) {
            long ww = waitWord;
            Slot<C>[] arr = slots;
            int n = arr.length;
            if (seen == null || seen.length != n) {
                seen = new long[n];
            }
            int idle = 0;
            int used = 0;
            for (int i = 0; i < n; i++) {
                long w = arr[i].word();
                seen[i] = w;
                int st = Slot.stateOf(w);
                if (st == Slot.IDLE) {
                    idle++;
                } else if (st == Slot.BORROWED) {
                    used++;
                }
            }
            int live = size.get() - creating.get();
            if (unchanged(arr, seen, ww) || attempt == STATUS_ATTEMPTS) {
                return new PoolStatus(idle, used, minSize, maxSize, (int) ww, Math.max(live, idle + used));
            }
            Thread.onSpinWait();
        }
    }

    /**
     * How often {@link #status()} re-reads before it settles for its last read. Borrowers never
     * wait for a snapshot, so under a churn of many borrows per microsecond every re-read could
     * see a change; the bound keeps a metrics scrape from spinning for as long as that lasts.
     */
    private static final int STATUS_ATTEMPTS = 64;

    private int countIdle() {
        return countInState(Slot.IDLE);
    }

    private int countUsed() {
        return countInState(Slot.BORROWED);
    }

    /** @return how many slots are in {@code state} now (one read each; not a snapshot) */
    private int countInState(int state) {
        int n = 0;
        for (Slot<C> s : slots) {
            if (Slot.stateOf(s.word()) == state) {
                n++;
            }
        }
        return n;
    }

    @Override
    public PoolConfig config() {
        return config;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** @return the last connection-creation failure since the last success, or null */
    public Throwable lastCreationFailure() {
        return lastCreateFailure;
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }

    @Override
    public boolean close(Duration gracePeriod) {
        long grace = timeoutNanos(gracePeriod);
        List<Waiter<C>> failed = new ArrayList<>();
        boolean first;
        waitLock.lock();
        try {
            first = !closed;
            closed = true;
            for (Waiter<C> w : waiters) {
                if (w.state == Waiter.WAITING) {
                    w.state = Waiter.CLOSED;
                    addWaiting(-1);
                    failed.add(w);
                }
            }
            waiters.clear();
        } finally {
            waitLock.unlock();
        }
        if (first) {
            LOG.info("Pool '{}' closing", name);
        }
        for (Waiter<C> w : failed) {
            if (w.thread != null) {
                LockSupport.unpark(w.thread);
            } else {
                w.request.future.completeExceptionally(new PoolClosedException(name));
            }
        }
        drainIdle();
        long deadline = System.nanoTime() + grace;
        while (countUsed() > 0 && deadline - System.nanoTime() > 0) {
            LockSupport.parkNanos(this, Math.min(deadline - System.nanoTime(), 5_000_000L));
            drainIdle();
        }
        int stillUsed = countUsed();
        boolean allBack = stillUsed == 0;
        if (first) {
            shutdownThreads();
            LOG.info("Pool '{}' closed{}", name, allBack ? "" : "; " + stillUsed
                    + " leased connections will be closed when they are returned");
        }
        return allBack;
    }

    /** Closes every idle connection (used by close, and by returns that race with it). */
    private void drainIdle() {
        for (Slot<C> s : slots) {
            if (s.tryReserve()) {
                s.killReserved();
                retire(s, DestroyReason.POOL_CLOSED, true);
            }
        }
    }

    private void shutdownThreads() {
        if (terminated) {
            return;
        }
        terminated = true;
        if (coarseClock) {
            CoarseClock.INSTANCE.release();
        }
        if (!background) {
            return;
        }
        housekeeper.shutdownNow();
        creators.shutdownNow();
        helpers.shutdown();
        long deadline = System.nanoTime() + SHUTDOWN_WAIT_NANOS;
        try {
            for (ThreadPoolExecutor e : List.of(housekeeper, creators, helpers)) {
                long left = deadline - System.nanoTime();
                if (!e.awaitTermination(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
                    LOG.warn("Pool '{}': a pool thread did not stop within 5 s (a factory call is still running)",
                            name);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Pool{name=" + name + ", " + status() + (closed ? ", closed" : "") + '}';
    }
}
