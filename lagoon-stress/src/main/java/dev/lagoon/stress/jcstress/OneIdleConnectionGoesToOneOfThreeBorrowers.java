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
 * Three borrowers acquire at once from a pool holding exactly one idle connection, and keep it.
 * Outcome: (three borrowers' connections, used, available); 1 is the connection's id, 0 a
 * timeout, -1 a connection somebody else held at the same moment.
 */
@JCStressTest
@State
@Description("With three borrowers racing, the one idle connection still goes to exactly one")
@Outcome(id = {"1, 0, 0, 1, 0", "0, 1, 0, 1, 0", "0, 0, 1, 1, 0"}, expect = ACCEPTABLE, desc = "exactly one borrower got it")
@Outcome(expect = FORBIDDEN, desc = "two holders, a shared connection, nobody served, or wrong counts")
public class OneIdleConnectionGoesToOneOfThreeBorrowers {
    private final ScriptedFactory factory = new ScriptedFactory();
    private final PoolEngine<FakeConnection> pool = Handoff.onePool(factory);
    private Lease<FakeConnection> first;
    private Lease<FakeConnection> second;
    private Lease<FakeConnection> third;

    @Actor
    public void firstBorrower(IIIII_Result r) {
        first = Handoff.acquireNow(pool);
        r.r1 = Handoff.enter(first);
    }

    @Actor
    public void secondBorrower(IIIII_Result r) {
        second = Handoff.acquireNow(pool);
        r.r2 = Handoff.enter(second);
    }

    @Actor
    public void thirdBorrower(IIIII_Result r) {
        third = Handoff.acquireNow(pool);
        r.r3 = Handoff.enter(third);
    }

    @Arbiter
    public void counts(IIIII_Result r) {
        PoolStatus s = pool.status();
        r.r4 = s.used();
        r.r5 = s.available();
    }
}
