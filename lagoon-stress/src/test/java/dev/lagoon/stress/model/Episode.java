package dev.lagoon.stress.model;

import dev.lagoon.AcquireTimeoutException;
import dev.lagoon.Fairness;
import dev.lagoon.Lease;
import dev.lagoon.PoolClosedException;
import dev.lagoon.PoolConfig;
import dev.lagoon.PoolExhaustedException;
import dev.lagoon.PoolStatus;
import dev.lagoon.internal.PoolEngine;
import dev.lagoon.testkit.FakeClock;
import dev.lagoon.testkit.FakeConnection;
import dev.lagoon.testkit.ScriptedFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One pool with a random configuration, driven by random operations from one seeded
 * {@link Random}, next to a model of what the pool must look like. After every operation the
 * pool is compared with the model; at the end the pool is closed and every connection must
 * have been closed exactly once.
 *
 * <p>The engine runs in its thread-less mode with a {@link FakeClock}: creation and
 * validation run inline, maintenance runs when the episode calls it, and time moves only when
 * the episode jumps the clock, so a seed replays exactly.
 *
 * <p>What the model tracks per connection mirrors what the engine's policies read: when it was
 * created (lifetime), when it was last returned or validated (idle timeout, validation bypass
 * window), and how often it was borrowed (maxBorrows).
 */
final class Episode {
    /** The operations, with their relative weights. */
    enum Op {
        ACQUIRE_NOW(22), ACQUIRE_SHORT_WAIT(3), ACQUIRE_ASYNC(8), CANCEL_ASYNC(4), RELEASE(20),
        MISUSE_ENDED_LEASE(5), INVALIDATE(5), FAIL_NEXT_CREATES(2), BREAK_CONNECTION(4),
        TOGGLE_VALIDATION_THROWS(1), TOGGLE_RESET_THROWS(1), JUMP_AND_MAINTAIN(6), MAINTAIN(2);

        final int weight;

        Op(int weight) {
            this.weight = weight;
        }
    }

    private static final int TOTAL_WEIGHT;

    static {
        int w = 0;
        for (Op op : Op.values()) {
            w += op.weight;
        }
        TOTAL_WEIGHT = w;
    }

    private static final long BACKOFF_MAX_NANOS = Duration.ofSeconds(1).toNanos();

    private final Random rnd;
    private final FakeClock clock = new FakeClock();
    private final ScriptedFactory factory = new ScriptedFactory();
    final PoolConfig config;
    private final PoolEngine<FakeConnection> pool;
    private final long lifetime;
    private final long idleTimeout;
    private final long bypass;

    /** Leases the episode holds, each with the connection it got. */
    private final List<Held> live = new ArrayList<>();
    /** Leases that ended (closed or invalidated), kept to misuse them. */
    private final List<Lease<FakeConnection>> ended = new ArrayList<>();
    /** Async requests still waiting in the pool's queue. */
    private final List<CompletableFuture<Lease<FakeConnection>>> waiting = new ArrayList<>();
    /** Connections the factory made that are not closed yet. */
    private final List<FakeConnection> open = new ArrayList<>();
    private final Map<FakeConnection, Long> createdAt = new IdentityHashMap<>();
    private final Map<FakeConnection, Long> lastUsedAt = new IdentityHashMap<>();
    private final Map<FakeConnection, Integer> borrows = new IdentityHashMap<>();
    private final Map<FakeConnection, Integer> validationsBefore = new IdentityHashMap<>();
    private int seenCreated;
    private int seenAttempts;
    /** The attempt count at which the scripted failures are used up. */
    private int scriptEndsAtAttempt;
    private long lastFailureAt = Long.MIN_VALUE;
    private boolean validationThrows;
    private boolean resetThrows;
    /** Two random numbers drawn for every step whatever it does, so the draws never depend on state. */
    private int choice;
    private int arg;

    private final Deque<String> recent = new ArrayDeque<>();
    final Map<Op, Integer> counts = new EnumMap<>(Op.class);
    /** How operations turned out, to show which paths a run covered. */
    final Map<String, Integer> outcomes = new TreeMap<>();
    int steps;

    private record Held(Lease<FakeConnection> lease, FakeConnection connection) {
    }

    Episode(long seed) {
        this.rnd = new Random(seed);
        int max = 1 + rnd.nextInt(5);
        int min = rnd.nextInt(max + 1);
        int initial = min + rnd.nextInt(max - min + 1);
        PoolConfig.Builder b = PoolConfig.builder()
                .name("model")
                .maxSize(max)
                .minSize(min)
                .initialSize(initial)
                .maxLifetime(pick(Duration.ZERO, Duration.ofSeconds(5 + rnd.nextInt(60))))
                .idleTimeout(pick(Duration.ZERO, Duration.ofSeconds(1 + rnd.nextInt(30))))
                .maxBorrows(rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(8))
                .validateOnAcquire(rnd.nextInt(4) != 0)
                .validateOnRelease(rnd.nextInt(4) == 0)
                .validationBypassWindow(pick(Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(500),
                        Duration.ofSeconds(5)))
                .maxWaitQueueSize(rnd.nextBoolean() ? 1000 : rnd.nextInt(4))
                .fairness(rnd.nextBoolean() ? Fairness.FIFO : Fairness.BARGING)
                .creationBackoffInitial(Duration.ofMillis(10))
                .creationBackoffMax(Duration.ofNanos(BACKOFF_MAX_NANOS));
        config = b.build();
        lifetime = config.maxLifetime().toNanos();
        idleTimeout = config.idleTimeout().toNanos();
        bypass = config.validationBypassWindow().toNanos();
        if (rnd.nextInt(5) == 0) {
            failNext(1 + rnd.nextInt(initial + 1)); // some initial connections fail at start
        }
        pool = PoolEngine.start(factory, config, clock, false);
        afterEngineCall();
        checkInvariants();
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[rnd.nextInt(options.length)];
    }

    private Op nextOp() {
        int r = rnd.nextInt(TOTAL_WEIGHT);
        for (Op op : Op.values()) {
            r -= op.weight;
            if (r < 0) {
                return op;
            }
        }
        throw new AssertionError("unreachable");
    }

    /** Runs one random operation and checks the pool against the model. */
    void step() {
        Op op = nextOp();
        choice = rnd.nextInt(1 << 30);
        arg = rnd.nextInt(1 << 30);
        counts.merge(op, 1, Integer::sum);
        steps++;
        remember(op.name());
        snapshotValidations();
        switch (op) {
            case ACQUIRE_NOW -> acquire(Duration.ZERO);
            case ACQUIRE_SHORT_WAIT -> acquire(Duration.ofNanos(50_000 + arg % 950_000));
            case ACQUIRE_ASYNC -> acquireAsync();
            case CANCEL_ASYNC -> cancelAsync();
            case RELEASE -> release();
            case MISUSE_ENDED_LEASE -> misuseEndedLease();
            case INVALIDATE -> invalidate();
            case FAIL_NEXT_CREATES -> failNext(1 + arg % 2);
            case BREAK_CONNECTION -> breakConnection();
            case TOGGLE_VALIDATION_THROWS -> {
                validationThrows = !validationThrows && arg % 3 == 0;
                factory.validationThrows(validationThrows);
                remember("validationThrows=" + validationThrows);
            }
            case TOGGLE_RESET_THROWS -> {
                resetThrows = !resetThrows && arg % 3 == 0;
                factory.resetThrows(resetThrows);
                remember("resetThrows=" + resetThrows);
            }
            case JUMP_AND_MAINTAIN -> {
                long nanos = (arg & 1) == 0
                        ? 1_000_000L * (1 + (arg >>> 1) % 2_000)
                        : 1_000_000_000L * (1 + (arg >>> 1) % 90);
                clock.advance(Duration.ofNanos(nanos));
                remember("advanced " + nanos / 1_000_000 + " ms");
                maintain();
            }
            case MAINTAIN -> maintain();
        }
        checkInvariants();
    }

    // ------------------------------------------------------------------ operations

    private void acquire(Duration timeout) {
        long now = clock.now();
        PoolStatus before = pool.status();
        boolean mustSucceed = usableIdleConnection(now);
        try {
            int closedBefore = closedCount();
            Lease<FakeConnection> lease = pool.acquire(timeout);
            afterEngineCall();
            count(closedCount() > closedBefore ? "acquire: ok after retiring a connection" : "acquire: ok");
            adopt(lease, now, true);
        } catch (AcquireTimeoutException e) {
            afterEngineCall();
            remember("timed out");
            count(e.getCause() == null ? "acquire: timed out" : "acquire: timed out with the creation failure");
            assertThat(mustSucceed).as("an idle, fresh, valid connection was there, yet acquire timed out").isFalse();
            assertThat(e).hasMessageContaining("Timeout acquiring connection from pool");
            assertThat(e.getCause()).as("the timeout's cause is the last creation failure")
                    .isSameAs(pool.lastCreationFailure());
        } catch (PoolExhaustedException e) {
            afterEngineCall();
            remember("exhausted");
            count("acquire: wait queue full");
            assertThat(before.pending()).as("exhausted with a wait queue that was not full")
                    .isGreaterThanOrEqualTo(config.maxWaitQueueSize());
            assertThat(mustSucceed).as("exhausted although an idle connection was there").isFalse();
        }
    }

    private void acquireAsync() {
        PoolStatus before = pool.status();
        CompletableFuture<Lease<FakeConnection>> f = pool.acquireAsync(Duration.ofSeconds(1));
        afterEngineCall();
        if (!f.isDone()) {
            remember("queued");
            count("async: queued");
            waiting.add(f);
            return;
        }
        Lease<FakeConnection> lease;
        try {
            lease = f.join();
        } catch (CompletionException e) {
            remember("async failed: " + e.getCause());
            count("async: wait queue full");
            assertThat(e.getCause()).isInstanceOf(PoolExhaustedException.class);
            assertThat(before.pending()).isGreaterThanOrEqualTo(config.maxWaitQueueSize());
            return;
        }
        count("async: served at once");
        adopt(lease, clock.now(), false);
    }

    private void cancelAsync() {
        if (waiting.isEmpty()) {
            return;
        }
        CompletableFuture<Lease<FakeConnection>> f = waiting.remove(choice % waiting.size());
        assertThat(f.cancel(false)).as("a waiting request can be cancelled").isTrue();
        afterEngineCall();
        remember("cancelled");
        count("async: cancelled while queued");
        assertThatThrownBy(f::join).isInstanceOf(CancellationException.class);
    }

    private void release() {
        if (live.isEmpty()) {
            return;
        }
        release(live.remove(choice % live.size()));
    }

    /** Returns a lease the episode held (already taken out of {@link #live}) and checks what became of it. */
    private void release(Held h) {
        long now = clock.now();
        FakeConnection c = h.connection;
        // with a zero bypass window a connection handed straight to a queued request is validated
        boolean handOffValidates = config.validateOnAcquire() && bypass == 0 && !waiting.isEmpty();
        boolean destroy = resetThrows || expired(c, now)
                || (config.maxBorrows() > 0 && borrows.get(c) >= config.maxBorrows())
                || ((config.validateOnRelease() || handOffValidates) && (!c.valid || validationThrows));
        boolean keep = !destroy && fresh(c, now);
        c.exit();
        h.lease.close();
        if (c.closes() == 0) {
            lastUsedAt.put(c, now); // before a queued request may be handed it
        }
        afterEngineCall();
        ended.add(h.lease);
        remember("released " + c + (destroy ? " (must be destroyed)" : ""));
        count(c.closes() > 0 ? "release: connection retired" : "release: connection kept");
        if (destroy) {
            assertThat(c.closes()).as("%s returned when it must be retired", c).isEqualTo(1);
        } else if (keep) {
            assertThat(c.closes()).as("%s retired without a reason", c).isZero();
        }
        assertEnded(h.lease);
    }

    private void invalidate() {
        if (live.isEmpty()) {
            return;
        }
        Held h = live.remove(choice % live.size());
        h.connection.exit();
        h.lease.invalidate();
        afterEngineCall();
        ended.add(h.lease);
        remember("invalidated " + h.connection);
        assertThat(h.connection.closes()).as("an invalidated connection is closed at once").isEqualTo(1);
        assertEnded(h.lease);
    }

    private void misuseEndedLease() {
        if (ended.isEmpty()) {
            return;
        }
        Lease<FakeConnection> lease = ended.get(choice % ended.size());
        PoolStatus before = pool.status();
        int closed = closedCount();
        int how = arg % 3;
        remember(how == 0 ? "closed an ended lease again" : how == 1 ? "invalidated an ended lease" : "get on an ended lease");
        switch (how) {
            case 0 -> lease.close();
            case 1 -> lease.invalidate();
            default -> assertEnded(lease);
        }
        afterEngineCall();
        assertThat(pool.status()).as("an ended lease changed the pool").isEqualTo(before);
        assertThat(closedCount()).as("an ended lease closed a connection").isEqualTo(closed);
        if (ended.size() > 32) {
            ended.remove(0);
        }
    }

    private void failNext(int n) {
        factory.failNext(n);
        scriptEndsAtAttempt = Math.max(scriptEndsAtAttempt, factory.attempts()) + n;
        remember("next " + n + " creates fail");
    }

    private void breakConnection() {
        if (open.isEmpty()) {
            return;
        }
        FakeConnection c = open.get(choice % open.size());
        c.valid = false;
        remember("broke " + c);
    }

    private void maintain() {
        long now = clock.now();
        boolean healthy = factory.attempts() >= scriptEndsAtAttempt && !validationThrows
                && (lastFailureAt == Long.MIN_VALUE || now - lastFailureAt >= BACKOFF_MAX_NANOS);
        List<FakeConnection> before = new ArrayList<>(open);
        pool.maintain(now);
        afterEngineCall(true);
        PoolStatus s = pool.status();
        remember("maintained: " + s);
        int staleIdle = 0;
        for (FakeConnection c : before) {
            if (c.closes() == 0 && !leased(c)) {
                assertThat(expired(c, now)).as("%s idle past its lifetime after maintenance", c).isFalse();
                if (idleTimeout > 0 && now - lastUsedAt.get(c) >= idleTimeout) {
                    staleIdle++;
                }
            }
        }
        int reaped = 0;
        for (FakeConnection c : before) {
            reaped += c.closes();
        }
        if (reaped > 0) {
            count("maintain: retired idle connections");
        }
        if (staleIdle > 0) {
            count("maintain: kept idle-timed-out connections at minSize");
            assertThat(s.total()).as("idle connections past idleTimeout kept while above minSize")
                    .isLessThanOrEqualTo(config.minSize());
        }
        if (healthy) {
            assertThat(s.total()).as("a healthy factory refills to minSize").isGreaterThanOrEqualTo(config.minSize());
            if (s.pending() > 0) {
                assertThat(s.total()).as("waiters left while the pool had room and the factory worked")
                        .isEqualTo(config.maxSize());
            }
        }
    }

    // ------------------------------------------------------------------ model bookkeeping

    /** Learns about connections created and creations failed during the last engine call. */
    private void afterEngineCall() {
        afterEngineCall(false);
    }

    /**
     * @param maintenance whether the call was a maintenance pass, which retires idle connections
     *                    for age, not for failing validation
     */
    private void afterEngineCall(boolean maintenance) {
        long now = clock.now();
        List<FakeConnection> created = factory.created();
        List<FakeConnection> made = created.subList(seenCreated, created.size());
        for (FakeConnection c : made) {
            open.add(c);
            createdAt.put(c, now);
            lastUsedAt.put(c, now);
            borrows.put(c, 0);
        }
        for (FakeConnection c : open) {
            if (c.closes() > 0 && borrows.get(c) == 0 && (!maintenance || made.contains(c))) {
                // A connection never handed out was destroyed. When validation failed it, the
                // engine counts that as a failed creation and backs off; so does the model (also
                // when it was retired for its lifetime, which only makes the model expect less).
                // Maintenance retires idle connections for age, but one it just made can only
                // have failed validation on its way to a queued request.
                lastFailureAt = now;
            }
        }
        int attempts = factory.attempts();
        int newAttempts = attempts - seenAttempts;
        int newCreated = created.size() - seenCreated;
        if (newAttempts > newCreated) {
            lastFailureAt = now;
        }
        seenCreated = created.size();
        seenAttempts = attempts;
        open.removeIf(c -> c.closes() > 0);
        adoptDelivered();
    }

    /** Adopts leases delivered to queued async requests (by a release, a creation, maintenance). */
    private void adoptDelivered() {
        for (int i = 0; i < waiting.size(); i++) {
            CompletableFuture<Lease<FakeConnection>> f = waiting.get(i);
            if (f.isDone()) {
                waiting.remove(i--);
                count("async: served later");
                assertThat(f.isCompletedExceptionally()).as("a queued request failed while the pool was open").isFalse();
                adopt(f.join(), clock.now(), false);
            }
        }
    }

    /** Checks a lease just handed out at {@code now} and starts holding it. */
    private void adopt(Lease<FakeConnection> lease, long now, boolean synchronous) {
        FakeConnection c = lease.get();
        remember("got " + c);
        c.enter(); // throws if another borrower holds it or it was closed
        for (Held h : live) {
            assertThat(h.connection).as("one connection in two live leases").isNotSameAs(c);
        }
        assertThat(expired(c, now)).as("%s handed out past its lifetime", c).isFalse();
        int n = borrows.get(c);
        if (config.maxBorrows() > 0) {
            assertThat(n).as("%s handed out after maxBorrows", c).isLessThan((int) config.maxBorrows());
        }
        borrows.put(c, n + 1);
        boolean due = config.validateOnAcquire() && now - lastUsedAt.get(c) >= bypass;
        boolean validated = c.validations() > validationsBefore.getOrDefault(c, 0);
        count(due ? "handed out after validation" : "handed out without validation");
        if (due) {
            assertThat(validated).as("%s idle past the bypass window handed out unvalidated", c).isTrue();
            assertThat(c.valid && !validationThrows).as("%s handed out although validation fails", c).isTrue();
            lastUsedAt.put(c, now);
        } else if (synchronous) {
            assertThat(validated).as("%s validated although used within the bypass window", c).isFalse();
        }
        live.add(new Held(lease, c));
    }

    private void snapshotValidations() {
        validationsBefore.clear();
        for (FakeConnection c : open) {
            validationsBefore.put(c, c.validations());
        }
    }

    private boolean leased(FakeConnection c) {
        for (Held h : live) {
            if (h.connection == c) {
                return true;
            }
        }
        return false;
    }

    /** The engine retires a connection at created + lifetime minus up to 2.5% jitter. */
    private boolean expired(FakeConnection c, long now) {
        return lifetime > 0 && now - createdAt.get(c) >= lifetime;
    }

    private boolean fresh(FakeConnection c, long now) {
        return lifetime == 0 || now - createdAt.get(c) < lifetime - lifetime / 40 - 1;
    }

    /** @return whether an idle connection exists that acquire must hand out if it claims it */
    private boolean usableIdleConnection(long now) {
        for (FakeConnection c : open) {
            if (!leased(c) && fresh(c, now)) {
                boolean due = config.validateOnAcquire() && now - lastUsedAt.get(c) >= bypass;
                if (!due || (c.valid && !validationThrows)) {
                    return true;
                }
            }
        }
        return false;
    }

    private int closedCount() {
        int n = 0;
        for (FakeConnection c : factory.created()) {
            n += c.closes();
        }
        return n;
    }

    private static void assertEnded(Lease<FakeConnection> lease) {
        assertThatThrownBy(lease::get).as("an ended lease reached its connection")
                .isInstanceOf(IllegalStateException.class);
    }

    private void count(String outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    private void remember(String what) {
        recent.addLast(steps + ": " + what);
        if (recent.size() > 40) {
            recent.removeFirst();
        }
    }

    // ------------------------------------------------------------------ invariants

    /** What must hold between any two operations. */
    void checkInvariants() {
        factory.assertInvariants(config.maxSize()); // never more than maxSize alive, nothing closed twice
        PoolStatus s = pool.status();
        assertThat(factory.alive()).as("connections alive").isLessThanOrEqualTo(config.maxSize());
        assertThat(s.used()).as("status().used() against the leases held").isEqualTo(live.size());
        assertThat(s.pending()).as("status().pending() against the async requests queued").isEqualTo(waiting.size());
        assertThat(s.available() + s.used()).as("available + used against total at rest").isEqualTo(s.total());
        assertThat(s.total()).as("total against the connections alive").isEqualTo(factory.alive());
        assertThat(s.total()).as("total against maxSize").isLessThanOrEqualTo(config.maxSize());
        assertThat(s.available() > 0 && s.pending() > 0).as("an idle connection while a borrower waits").isFalse();
        for (Held h : live) {
            assertThat(h.lease.get()).as("a live lease lost its connection").isSameAs(h.connection);
            assertThat(h.connection.closes()).as("a leased connection was closed").isZero();
        }
    }

    // ------------------------------------------------------------------ the end

    /** Closes the pool the way an application might, and checks every connection closed once. */
    void finish() {
        remember("finish");
        long bits = rnd.nextLong();
        if ((bits & 1) == 0) {
            for (long n = (bits >>> 1) % 8; n > 0 && !live.isEmpty(); n--) {
                release(live.remove(live.size() - 1));
                checkInvariants();
            }
        }
        bits >>>= 4;
        pool.close();
        assertThat(pool.isClosed()).isTrue();
        for (CompletableFuture<Lease<FakeConnection>> f : waiting) {
            assertThatThrownBy(f::join).as("a queued request when the pool closed")
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(PoolClosedException.class);
        }
        waiting.clear();
        assertThat(factory.alive()).as("idle connections are closed with the pool").isEqualTo(live.size());
        assertThatThrownBy(() -> pool.acquire(Duration.ZERO)).isInstanceOf(PoolClosedException.class);
        assertThatThrownBy(() -> pool.acquireAsync().join()).hasCauseInstanceOf(PoolClosedException.class);
        for (Held h : live) {
            h.connection.exit();
            bits >>>= 1;
            if ((bits & 1) == 0) {
                h.lease.close();
            } else {
                h.lease.invalidate();
            }
            assertThat(h.connection.closes()).as("a lease returned after close closes its connection").isEqualTo(1);
            h.lease.close();
        }
        live.clear();
        pool.close();
        assertThat(pool.status().used()).isZero();
        assertThat(factory.alive()).isZero();
        factory.assertInvariants(config.maxSize());
        factory.assertAllClosedOnce();
    }

    /** @return the last operations, for a failure report */
    String recentOperations() {
        return String.join("\n    ", recent);
    }

    int created() {
        return seenCreated;
    }

    int attempts() {
        return seenAttempts;
    }
}
