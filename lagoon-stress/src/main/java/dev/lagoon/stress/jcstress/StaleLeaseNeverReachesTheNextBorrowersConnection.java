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
 * The owner of the pool's only lease closes it and then, with the stale lease, tries
 * {@code get()}, {@code invalidate()} and {@code close()} again, while another borrower
 * acquires the connection. The stale lease must be refused and must neither destroy nor
 * return the new borrower's connection.
 * Outcome: (stale get refused, new borrower's connection, new lease still usable at the end,
 * used, available).
 */
@JCStressTest
@State
@Description("A lease closed by its owner can never reach, invalidate or return the next borrower's connection")
@Outcome(id = "1, 1, 1, 1, 0", expect = ACCEPTABLE, desc = "the new borrower got the connection and keeps it")
@Outcome(id = "1, 0, 0, 0, 1", expect = ACCEPTABLE, desc = "the new borrower timed out before the close; the connection is idle")
@Outcome(id = "0, .*", expect = FORBIDDEN, desc = "the stale lease reached the connection")
@Outcome(id = "1, 1, 0, .*", expect = FORBIDDEN, desc = "the stale lease destroyed or returned the new borrower's connection")
@Outcome(expect = FORBIDDEN, desc = "a shared or lost connection, or counts that disagree with the leases")
public class StaleLeaseNeverReachesTheNextBorrowersConnection {
    private final ScriptedFactory factory = new ScriptedFactory();
    private final PoolEngine<FakeConnection> pool = Handoff.onePool(factory);
    private final Lease<FakeConnection> stale = Handoff.acquireNow(pool);
    private Lease<FakeConnection> next;

    public StaleLeaseNeverReachesTheNextBorrowersConnection() {
        Handoff.enter(stale);
    }

    @Actor
    public void ownerClosesThenMisusesTheLease(IIIII_Result r) {
        Handoff.exitAndClose(stale);
        r.r1 = Handoff.refused(stale);
        stale.invalidate();
        stale.close();
    }

    @Actor
    public void nextBorrowerAcquires(IIIII_Result r) {
        next = Handoff.acquireNow(pool);
        r.r2 = Handoff.enter(next);
    }

    @Arbiter
    public void counts(IIIII_Result r) {
        r.r3 = Handoff.stillUsable(next);
        PoolStatus s = pool.status();
        r.r4 = s.used();
        r.r5 = s.available();
    }
}
