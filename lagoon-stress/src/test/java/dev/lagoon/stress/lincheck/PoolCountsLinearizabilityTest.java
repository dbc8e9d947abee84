package dev.lagoon.stress.lincheck;

import dev.lagoon.PoolStatus;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.junit.jupiter.api.Test;

/**
 * Lincheck's model checker explores interleavings of acquire (zero timeout), release,
 * invalidate and status on a two-connection pool, and checks every history against a
 * sequential execution of the same operations.
 */
public class PoolCountsLinearizabilityTest extends LeasingOperations {

    /** @return available and used, the counts that must be linearizable; pending and total are range-checked */
    @Operation
    public String status() {
        PoolStatus s = checkedStatus(pool);
        return "available=" + s.available() + " used=" + s.used();
    }

    @Test
    void availableAndUsedCountsAreLinearizable() {
        LinChecker.check(PoolCountsLinearizabilityTest.class, options());
    }
}
