package dev.lagoon;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PoolConfigTest {

    @Test
    void defaultsFollowTheSeedDocuments() {
        PoolConfig c = PoolConfig.builder().build();
        assertThat(c.minSize()).isEqualTo(2);
        assertThat(c.maxSize()).isEqualTo(10);
        assertThat(c.initialSize()).isEqualTo(2);
        assertThat(c.acquireTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.maxLifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.maxBorrows()).isZero();
        assertThat(c.validateOnAcquire()).isTrue();
        assertThat(c.validateOnRelease()).isFalse();
        assertThat(c.validationTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.validationBypassWindow()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.maxWaitQueueSize()).isEqualTo(1000);
        assertThat(c.fairness()).isEqualTo(Fairness.FIFO);
        assertThat(c.maxConcurrentCreates()).isEqualTo(2);
        assertThat(c.maintenanceInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.leakDetectionThreshold()).isZero();
        assertThat(c.name()).startsWith("lagoon-");
    }

    @Test
    void initialSizeFollowsMinSizeUnlessSet() {
        assertThat(PoolConfig.builder().minSize(4).build().initialSize()).isEqualTo(4);
        assertThat(PoolConfig.builder().minSize(4).initialSize(7).build().initialSize()).isEqualTo(7);
    }

    @Test
    void minAboveMaxIsRejectedNamingBothValues() {
        assertThatThrownBy(() -> PoolConfig.builder().minSize(20).maxSize(10).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minSize (20) must not exceed maxSize (10)");
    }

    @Test
    void initialSizeOutsideMinMaxIsRejected() {
        assertThatThrownBy(() -> PoolConfig.builder().minSize(2).maxSize(5).initialSize(6).build())
                .hasMessage("initialSize (6) must be between minSize (2) and maxSize (5)");
        assertThatThrownBy(() -> PoolConfig.builder().minSize(2).maxSize(5).initialSize(1).build())
                .hasMessage("initialSize (1) must be between minSize (2) and maxSize (5)");
    }

    @Test
    void sizesOutOfRangeAreRejectedWithTheRange() {
        assertThatThrownBy(() -> PoolConfig.builder().maxSize(0).build())
                .hasMessage("maxSize (0) must be between 1 and 100000");
        assertThatThrownBy(() -> PoolConfig.builder().minSize(-1).build())
                .hasMessage("minSize (-1) must be between 0 and maxSize (10)");
        assertThatThrownBy(() -> PoolConfig.builder().maxWaitQueueSize(-1).build())
                .hasMessage("maxWaitQueueSize (-1) must be between 0 and 1000000");
        assertThatThrownBy(() -> PoolConfig.builder().maxConcurrentCreates(0).build())
                .hasMessage("maxConcurrentCreates (0) must be between 1 and 1000");
        assertThatThrownBy(() -> PoolConfig.builder().maxBorrows(-5).build())
                .hasMessage("maxBorrows (-5) must be 0 (unlimited) or positive");
    }

    @Test
    void durationsThatMustBePositiveRejectZeroAndNegative() {
        assertThatThrownBy(() -> PoolConfig.builder().acquireTimeout(Duration.ZERO).build())
                .hasMessage("acquireTimeout (PT0S) must be between 1 ms and 100 days");
        assertThatThrownBy(() -> PoolConfig.builder().validationTimeout(Duration.ofSeconds(-1)).build())
                .hasMessage("validationTimeout (PT-1S) must be between 1 ms and 100 days");
        assertThatThrownBy(() -> PoolConfig.builder().maintenanceInterval(null).build())
                .hasMessage("maintenanceInterval (null) must be between 1 ms and 100 days");
    }

    @Test
    void durationsWhereZeroMeansNeverAcceptZeroButNotNegative() {
        PoolConfig c = PoolConfig.builder().idleTimeout(Duration.ZERO).maxLifetime(Duration.ZERO)
                .validationBypassWindow(Duration.ZERO).build();
        assertThat(c.idleTimeout()).isZero();
        assertThatThrownBy(() -> PoolConfig.builder().idleTimeout(Duration.ofMillis(-1)).build())
                .hasMessage("idleTimeout (PT-0.001S) must be 0 (disabled) or between 1 ms and 100 days");
        assertThatThrownBy(() -> PoolConfig.builder().maxLifetime(Duration.ofDays(101)).build())
                .hasMessage("maxLifetime (PT2424H) must be 0 (disabled) or between 1 ms and 100 days");
    }

    @Test
    void backoffBoundsMustBeOrdered() {
        assertThatThrownBy(() -> PoolConfig.builder().creationBackoffInitial(Duration.ofSeconds(10))
                .creationBackoffMax(Duration.ofSeconds(1)).build())
                .hasMessage("creationBackoffInitial (PT10S) must not exceed creationBackoffMax (PT1S)");
    }

    @Test
    void blankNameAndNullFairnessAreRejected() {
        assertThatThrownBy(() -> PoolConfig.builder().name(" ").build())
                .hasMessage("name (' ') must have 1 to 64 characters and not be blank");
        assertThatThrownBy(() -> PoolConfig.builder().fairness(null).build())
                .hasMessage("fairness must be FIFO or BARGING, not null");
    }

    @Test
    void configIsImmutableAndToBuilderDerivesAVariant() {
        PoolConfig.Builder b = PoolConfig.builder().name("a").maxSize(5);
        PoolConfig first = b.build();
        b.maxSize(7);
        assertThat(first.maxSize()).isEqualTo(5);
        PoolConfig derived = first.toBuilder().maxSize(9).build();
        assertThat(derived.maxSize()).isEqualTo(9);
        assertThat(derived.name()).isEqualTo("a");
        assertThat(first.maxSize()).isEqualTo(5);
    }

    @Test
    void nullFactoryIsRejected() {
        assertThatThrownBy(() -> Pool.create(null, PoolConfig.builder().build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("factory must not be null");
    }
}
