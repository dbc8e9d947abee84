package dev.lagoon.stress.jcstress;

import dev.lagoon.Lease;
import dev.lagoon.PoolStatus;
import dev.lagoon.internal.PoolEngine;
import dev.lagoon.testkit.FakeConnection;
import dev.lagoon.testkit.ScriptedFactory;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIII_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * One borrower acquires the pool's only idle connection, uses it, returns it and acquires
 * again, while a second borrower acquires once. Both keep what they end with.
 * Outcome: (first acquire, second acquire of the first borrower, other borrower's acquire,
 * used, available); 1 is the connection's id, 0 a timeout, -1 a shared connection.
 */
@JCStressTest
@State
@Description("Acquire, release and acquire again racing another acquire never leases the connection twice")
@Outcome(id = "1, 1, 0, 1, 0", expect = ACCEPTABLE, desc = "the first borrower had it both times")
@Outcome(id = "1, 0, 1, 1, 0", expect = ACCEPTABLE, desc = "the other borrower got it in between")
@Outcome(id = "0, 0, 1, 1, 0", expect = ACCEPTABLE, desc = "the other borrower got it first and kept it")
@Outcome(id = "1, 1, 1, .*", expect = FORBIDDEN, desc = "both borrowers hold the one connection")
@Outcome(id = {"1, 0, 0, .*", "0, 0, 0, .*"}, expect = FORBIDDEN, desc = "an idle connection nobody could get (lost hand-off)")
@Outcome(expect = FORBIDDEN, desc = "a shared connection, or counts that disagree with the leases")
public class AcquireReleaseAcquireNeverDoubleLeases {
    private final ScriptedFactory factory = new ScriptedFactory();
    private final PoolEngine<FakeConnection> pool = Handoff.onePool(factory);
    private Lease<FakeConnection> again;
    private Lease<FakeConnection> other;

    @Actor
    public void acquireReleaseAcquire(IIIII_Result r) {
        Lease<FakeConnection> once = Handoff.acquireNow(pool);
        r.r1 = Handoff.enter(once);
        if (r.r1 > 0) {
            Handoff.exitAndClose(once);
        }
        again = Handoff.acquireNow(pool);
        r.r2 = Handoff.enter(again);
    }

    @Actor
    public void acquire(IIIII_Result r) {
        other = Handoff.acquireNow(pool);
        r.r3 = Handoff.enter(other);
    }

    @Arbiter
    public void counts(IIIII_Result r) {
        PoolStatus s = pool.status();
        r.r4 = s.used();
        r.r5 = s.available();
    }
}
