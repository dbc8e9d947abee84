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

import java.util.concurrent.CompletableFuture;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * An asynchronous acquire is issued and cancelled at once while the holder of the pool's only
 * connection returns it. The hand-off to the async waiter races its cancellation: the
 * connection must end up either with the request (cancel lost) or idle (cancel won).
 * Outcome: (request ended with a lease, its connection is usable, used, available).
 */
@JCStressTest
@State
@Description("A cancelled async acquire never receives, and never leaks, the connection")
@Outcome(id = "1, 1, 1, 0", expect = ACCEPTABLE, desc = "the lease was delivered before the cancel")
@Outcome(id = "0, 0, 0, 1", expect = ACCEPTABLE, desc = "the cancel won; the connection is idle")
@Outcome(id = "0, 0, 0, 0", expect = FORBIDDEN, desc = "the connection was lost to the cancelled request")
@Outcome(expect = FORBIDDEN, desc = "a cancelled request holding the connection, or counts that disagree")
public class CancelledAsyncAcquireNeverLeaksTheConnection {
    private final ScriptedFactory factory = new ScriptedFactory();
    private final PoolEngine<FakeConnection> pool = Handoff.onePool(factory);
    private final Lease<FakeConnection> held = Handoff.acquireNow(pool);
    private Lease<FakeConnection> delivered;

    public CancelledAsyncAcquireNeverLeaksTheConnection() {
        Handoff.enter(held);
    }

    @Actor
    public void requestThenCancel(IIII_Result r) {
        CompletableFuture<Lease<FakeConnection>> f = pool.acquireAsync();
        if (!f.cancel(false)) {
            delivered = f.join();
            r.r1 = 1;
        }
    }

    @Actor
    public void holderReleases() {
        Handoff.exitAndClose(held);
    }

    @Arbiter
    public void counts(IIII_Result r) {
        r.r2 = Handoff.stillUsable(delivered);
        PoolStatus s = pool.status();
        r.r3 = s.used();
        r.r4 = s.available();
    }
}
