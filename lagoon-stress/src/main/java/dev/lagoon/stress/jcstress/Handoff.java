package dev.lagoon.stress.jcstress;

import dev.lagoon.AcquireTimeoutException;
import dev.lagoon.Lease;
import dev.lagoon.PoolConfig;
import dev.lagoon.internal.PoolEngine;
import dev.lagoon.testkit.FakeClock;
import dev.lagoon.testkit.FakeConnection;
import dev.lagoon.testkit.ScriptedFactory;

import java.time.Duration;

/**
 * What the jcstress tests share: a one-connection pool in the engine's thread-less mode, and
 * the encoding of what an actor saw into an {@code int} outcome.
 *
 * <p>Why the thread-less mode ({@code PoolEngine.start(factory, config, clock, false)}): the
 * hand-off under test (the slot's CAS, the waiter word, the wait queue and its dispatch) is the
 * same code in both modes; only creation, validation and maintenance move from pool threads onto
 * the caller. jcstress builds a fresh state object for every single trial, millions per run; a
 * background-mode pool would start a housekeeper thread for each of them and would need a
 * blocking close with thread joins in every trial, which would swamp the run, and its threads
 * would add interleavings nobody asked for. In the thread-less mode an actor's
 * {@code acquire(Duration.ZERO)} never parks, so a trial cannot hang, and the only concurrency
 * is the actors'.
 *
 * <p>The policy clock never moves, so a connection is always inside the validation bypass
 * window and far from its lifetime: every acquire takes the plain hand-off path.
 */
final class Handoff {
    /** An actor's acquire timed out: the pool had nothing for it. */
    static final int TIMED_OUT = 0;
    /** An actor got a connection that another borrower held at the same moment, or a closed one. */
    static final int SHARED = -1;

    private static final FakeClock CLOCK = new FakeClock();
    private static final PoolConfig ONE_CONNECTION = PoolConfig.builder()
            .name("jcstress")
            .minSize(1)
            .maxSize(1)
            .initialSize(1)
            .build();

    private Handoff() {
    }

    /** @return a started thread-less pool holding one idle connection (id 1) made by {@code factory} */
    static PoolEngine<FakeConnection> onePool(ScriptedFactory factory) {
        return PoolEngine.start(factory, ONE_CONNECTION, CLOCK, false);
    }

    /** @return a lease, or {@code null} if none was free at once */
    static Lease<FakeConnection> acquireNow(PoolEngine<FakeConnection> pool) {
        try {
            return pool.acquire(Duration.ZERO);
        } catch (AcquireTimeoutException e) {
            return null;
        }
    }

    /**
     * Starts using the leased connection and keeps using it (no {@code exit}) until the end of
     * the trial, so a second holder is caught by {@link FakeConnection#enter()}.
     *
     * @return the connection's id, {@link #TIMED_OUT} for no lease, {@link #SHARED} if the
     *         connection was already held by somebody else or already closed
     */
    static int enter(Lease<FakeConnection> lease) {
        if (lease == null) {
            return TIMED_OUT;
        }
        try {
            FakeConnection c = lease.get();
            c.enter();
            return c.id;
        } catch (AssertionError e) {
            return SHARED;
        }
    }

    /** Ends the use begun by {@link #enter} and gives the connection back. */
    static void exitAndClose(Lease<FakeConnection> lease) {
        lease.get().exit();
        lease.close();
    }

    /**
     * @return 1 if a lease that ended is refused the connection, as {@link Lease} promises; 0 if
     *         it still reached it
     */
    static int refused(Lease<FakeConnection> ended) {
        try {
            ended.get();
            return 0;
        } catch (IllegalStateException expected) {
            return 1;
        }
    }

    /** @return 1 if {@code lease} still reaches an open connection, else 0 (also for null) */
    static int stillUsable(Lease<FakeConnection> lease) {
        if (lease == null) {
            return 0;
        }
        try {
            return lease.get().closes() == 0 ? 1 : 0;
        } catch (IllegalStateException e) {
            return 0;
        }
    }
}
