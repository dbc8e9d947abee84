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
 * The pool's only connection is leased; its holder gives it back while a second borrower asks
 * for one without waiting. This races the release's hand-off to queued waiters
 * ({@code dispatch}) against the borrower's zero-timeout enqueue-and-withdraw.
 * Outcome: (old lease refused after close, second borrower's connection, used, available).
 */
@JCStressTest
@State
@Description("A release racing an acquire either hands the connection over or leaves it idle; never both, never neither")
@Outcome(id = "1, 1, 1, 0", expect = ACCEPTABLE, desc = "released first: the borrower got the connection")
@Outcome(id = "1, 0, 0, 1", expect = ACCEPTABLE, desc = "the borrower gave up first: the connection is idle again")
@Outcome(id = "1, 0, 0, 0", expect = FORBIDDEN, desc = "the connection was lost: neither leased nor idle")
@Outcome(id = "0, .*", expect = FORBIDDEN, desc = "the released lease still reaches the connection")
@Outcome(expect = FORBIDDEN, desc = "a shared connection, or counts that disagree with the leases")
public class ReleaseRacingAnAcquireNeverLosesTheConnection {
    private final ScriptedFactory factory = new ScriptedFactory();
    private final PoolEngine<FakeConnection> pool = Handoff.onePool(factory);
    private final Lease<FakeConnection> held = Handoff.acquireNow(pool);
    private Lease<FakeConnection> borrowed;

    public ReleaseRacingAnAcquireNeverLosesTheConnection() {
        Handoff.enter(held);
    }

    @Actor
    public void holderReleases(IIII_Result r) {
        Handoff.exitAndClose(held);
        r.r1 = Handoff.refused(held);
    }

    @Actor
    public void borrowerAcquires(IIII_Result r) {
        borrowed = Handoff.acquireNow(pool);
        r.r2 = Handoff.enter(borrowed);
    }

    @Arbiter
    public void counts(IIII_Result r) {
        PoolStatus s = pool.status();
        r.r3 = s.used();
        r.r4 = s.available();
    }
}
