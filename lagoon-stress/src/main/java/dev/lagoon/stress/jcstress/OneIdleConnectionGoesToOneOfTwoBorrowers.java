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
import org.openjdk.jcstress.infra.results.IIII_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Two borrowers acquire at once from a pool holding exactly one idle connection, and keep it.
 * Outcome: (first borrower's connection, second borrower's connection, used, available); 1 is
 * the connection's id, 0 a timeout, -1 a connection somebody else held at the same moment.
 */
@JCStressTest
@State
@Description("One idle connection is never handed to two borrowers, and never lost")
@Outcome(id = "1, 0, 1, 0", expect = ACCEPTABLE, desc = "the first borrower got it, the second timed out")
@Outcome(id = "0, 1, 1, 0", expect = ACCEPTABLE, desc = "the second borrower got it, the first timed out")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "both borrowers hold the one connection")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "nobody got the idle connection")
@Outcome(expect = FORBIDDEN, desc = "a shared connection, or counts that disagree with the leases")
public class OneIdleConnectionGoesToOneOfTwoBorrowers {
    private final ScriptedFactory factory = new ScriptedFactory();
    private final PoolEngine<FakeConnection> pool = Handoff.onePool(factory);
    private Lease<FakeConnection> first;
    private Lease<FakeConnection> second;

    @Actor
    public void firstBorrower(IIII_Result r) {
        first = Handoff.acquireNow(pool);
        r.r1 = Handoff.enter(first);
    }

    @Actor
    public void secondBorrower(IIII_Result r) {
        second = Handoff.acquireNow(pool);
        r.r2 = Handoff.enter(second);
    }

    @Arbiter
    public void counts(IIII_Result r) {
        PoolStatus s = pool.status();
        r.r3 = s.used();
        r.r4 = s.available();
    }
}
