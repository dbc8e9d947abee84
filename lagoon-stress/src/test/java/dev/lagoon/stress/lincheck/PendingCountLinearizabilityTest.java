package dev.lagoon.stress.lincheck;

import dev.lagoon.PoolStatus;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.junit.jupiter.api.Test;

/**
 * The same model check as {@link PoolCountsLinearizabilityTest}, with {@code pending} in the
 * compared status as issue 2 claims ("available/used/pending is linearizable").
 */
public class PendingCountLinearizabilityTest extends LeasingOperations {

    /** @return available, used and pending */
    @Operation
    public String status() {
        PoolStatus s = checkedStatus(pool);
        return "available=" + s.available() + " used=" + s.used() + " pending=" + s.pending();
    }

    @Test
    void pendingCountIsLinearizable() {
        LinChecker.check(PendingCountLinearizabilityTest.class, options());
    }
}
