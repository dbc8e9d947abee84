package dev.lagoon.stress.lincheck;

import dev.lagoon.AcquireTimeoutException;
import dev.lagoon.Lease;
import dev.lagoon.PoolConfig;
import dev.lagoon.PoolStatus;
import dev.lagoon.internal.PoolEngine;
import dev.lagoon.testkit.FakeClock;
import dev.lagoon.testkit.FakeConnection;
import dev.lagoon.testkit.ScriptedFactory;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.ThreadIdGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The pool operations Lincheck runs concurrently, on a thread-less engine
 * ({@code PoolEngine.start(..., false)}) so that the model checker controls every thread
 * involved.
 *
 * <p>The pool starts with {@link #SIZE} idle connections and its factory fails every later
 * {@code create()}: the counts then change only through the operations below, never through
 * an internal event (a connection being created and handed to a waiter) that a sequential
 * specification could not express. Creation is still attempted (an invalidation or an acquire
 * on a short pool tries to refill) and fails, which exercises those paths too.
 *
 * <p>Each operation takes the id of the scenario thread that runs it ({@link ThreadIdGen}), so
 * "release a lease this thread holds" means the same thing in the concurrent run and in
 * Lincheck's sequential replay. Which of two idle connections a borrower gets depends on a
 * per-thread hint in the engine, not on the history, so {@link #acquire} reports whether it got
 * one, not which.
 */
@Param(name = "thread", gen = ThreadIdGen.class)
abstract class LeasingOperations {
    /** Connections the pool starts with; also its maxSize. */
    static final int SIZE = 2;
    /** Scenario threads the checks use. */
    static final int THREADS = 3;
    private static final FakeClock CLOCK = new FakeClock();
    private static final PoolConfig CONFIG = PoolConfig.builder()
            .name("lincheck")
            .minSize(0)
            .maxSize(SIZE)
            .initialSize(SIZE)
            .build();

    final PoolEngine<FakeConnection> pool;
    private final ArrayDeque<Lease<FakeConnection>>[] held;

    @SuppressWarnings("unchecked")
    LeasingOperations() {
        ScriptedFactory factory = new ScriptedFactory();
        for (int i = 0; i < SIZE; i++) {
            factory.then(ScriptedFactory.Step.SUCCEED);
        }
        factory.otherwise(ScriptedFactory.Step.FAIL);
        pool = PoolEngine.start(factory, CONFIG, CLOCK, false);
        // ThreadIdGen numbers the parallel threads from 1 and the set-up part 0 (as Lincheck
        // reports show); the array leaves room for any other numbering of the closing part
        held = new ArrayDeque[THREADS + 2];
        for (int i = 0; i < held.length; i++) {
            held[i] = new ArrayDeque<>();
        }
    }

    /** @return 1 if this thread got a lease at once (it keeps it), 0 if the acquire timed out */
    @Operation
    public int acquire(@Param(name = "thread") int thread) {
        try {
            held[thread].push(pool.acquire(Duration.ZERO));
            return 1;
        } catch (AcquireTimeoutException e) {
            return 0;
        }
    }

    /** @return whether this thread had a lease to return (its most recent one) */
    @Operation
    public boolean release(@Param(name = "thread") int thread) {
        Lease<FakeConnection> lease = held[thread].poll();
        if (lease == null) {
            return false;
        }
        lease.close();
        return true;
    }

    /** @return whether this thread had a lease to invalidate (its most recent one) */
    @Operation
    public boolean invalidate(@Param(name = "thread") int thread) {
        Lease<FakeConnection> lease = held[thread].poll();
        if (lease == null) {
            return false;
        }
        lease.invalidate();
        return true;
    }

    /**
     * Checks what must hold in every snapshot whatever the interleaving, and throws (which
     * Lincheck reports as a result the sequential run never produces) when it does not.
     */
    static PoolStatus checkedStatus(PoolEngine<FakeConnection> pool) {
        PoolStatus s = pool.status();
        if (s.available() < 0 || s.used() < 0 || s.pending() < 0 || s.pending() > THREADS
                || s.available() + s.used() > s.total() || s.total() > s.max()) {
            throw new IllegalStateException("inconsistent status " + s);
        }
        return s;
    }

    /**
     * The model-checking run, small enough for CI (about a minute on 2 cores): 3 threads of 2
     * operations after 2 set-up operations and before 1 closing one, {@code lagoon.lincheck.iterations}
     * scenarios (default 40) of {@code lagoon.lincheck.invocations} interleavings each (default 50):
     * many small scenarios find more than a few deeply explored ones.
     * Raise both for a deeper local run.
     */
    static ModelCheckingOptions options() {
        return new ModelCheckingOptions()
                .iterations(Integer.getInteger("lagoon.lincheck.iterations", 40))
                .invocationsPerIteration(Integer.getInteger("lagoon.lincheck.invocations", 50))
                .threads(THREADS)
                .actorsPerThread(2)
                .actorsBefore(2)
                .actorsAfter(1);
    }
}
