package dev.lagoon.stress.jcstress;

import dev.lagoon.Lease;
import dev.lagoon.PoolStatus;
import dev.lagoon.internal.PoolEngine;
import dev.lagoon.internal.Slot;
import dev.lagoon.testkit.FakeConnection;
import dev.lagoon.testkit.ScriptedFactory;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Two threads return the same unused lease at once through {@code releaseUnused}, the path the
 * JDBC wrapper takes for a connection its borrower never called: it has no guard of its own
 * (a release store, no CAS), so the engine's single compare-and-set must end the lease exactly
 * once and neither return may touch the connection.
 * Outcome: (used, available, re-acquired, resets).
 */
@JCStressTest
@State
@Description("Two overlapping returns of an unused lease make the connection idle once and never reset it")
@Outcome(id = "0, 1, 1, 0", expect = ACCEPTABLE, desc = "one return ended the lease; the connection is idle and lendable")
@Outcome(expect = FORBIDDEN, desc = "the connection was lost, counted twice, or touched by a return")
public class TwoReturnsOfAnUnusedLeaseEndItOnce {
    private final ScriptedFactory factory = new ScriptedFactory();
    private final PoolEngine<FakeConnection> pool = Handoff.onePool(factory);
    private final Slot<FakeConnection> slot = pool.acquireSlot();
    private final long stamp = slot.stamp();

    @Actor
    public void firstReturn() {
        pool.releaseUnused(slot, stamp);
    }

    @Actor
    public void secondReturn() {
        pool.releaseUnused(slot, stamp);
    }

    @Arbiter
    public void counts(IIII_Result r) {
        PoolStatus s = pool.status();
        r.r1 = s.used();
        r.r2 = s.available();
        Lease<FakeConnection> again = Handoff.acquireNow(pool);
        r.r3 = again == null ? 0 : 1;
        r.r4 = slot.connection().resets();
    }
}
