package dev.lagoon.phantomdb;

import dev.lagoon.PoolConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhantomDBPoolConfigTest {

    private static IllegalArgumentException rejected(UnaryOperator<PhantomDBPoolConfig.Builder> change) {
        try {
            change.apply(PhantomDBPoolConfig.builder()).build();
        } catch (IllegalArgumentException e) {
            return e;
        }
        throw new AssertionError("the builder accepted the change");
    }

    @Test
    void defaultsAreTheSeedsDefaults() {
        PhantomDBPoolConfig c = PhantomDBPoolConfig.builder().build();

        assertThat(c.baseUrl()).isEqualTo("http://localhost:8080");
        assertThat(c.minConnections()).isEqualTo(2);
        assertThat(c.maxConnections()).isEqualTo(10);
        assertThat(c.acquireTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.validationBypassWindow()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.hasToken()).isFalse();
        assertThat(c.name()).startsWith("phantomdb-");
    }

    @Test
    void theEngineConfigurationCarriesEveryOption() {
        PhantomDBPoolConfig c = PhantomDBPoolConfig.builder().name("shop").minConnections(3).maxConnections(7)
                .acquireTimeout(Duration.ofSeconds(4)).idleTimeout(Duration.ofSeconds(8))
                .requestTimeout(Duration.ofSeconds(2)).validationBypassWindow(Duration.ZERO).build();

        PoolConfig engine = c.toPoolConfig();

        assertThat(engine.name()).isEqualTo("shop");
        assertThat(engine.minSize()).isEqualTo(3);
        assertThat(engine.maxSize()).isEqualTo(7);
        assertThat(engine.initialSize()).isEqualTo(3);
        assertThat(engine.acquireTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(engine.idleTimeout()).isEqualTo(Duration.ofSeconds(8));
        assertThat(engine.maintenanceInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(engine.validateOnAcquire()).isTrue();
        assertThat(engine.validationTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(engine.validationBypassWindow()).isZero();
    }

    @Test
    void maintenanceRunsOftenEnoughToCloseIdleClientsAtTheIdleTimeoutScale() {
        assertThat(idle(Duration.ofSeconds(60)).maintenanceInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(idle(Duration.ofMillis(200)).maintenanceInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(idle(Duration.ofMinutes(10)).maintenanceInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(idle(Duration.ofMillis(1)).maintenanceInterval()).isEqualTo(Duration.ofMillis(10));
        assertThat(idle(Duration.ZERO).maintenanceInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    private static PhantomDBPoolConfig idle(Duration d) {
        return PhantomDBPoolConfig.builder().idleTimeout(d).build();
    }

    @Test
    void validationTimeoutIsTheRequestTimeoutCappedAtFiveSeconds() {
        assertThat(PhantomDBPoolConfig.builder().build().validationTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(PhantomDBPoolConfig.builder().requestTimeout(Duration.ofMillis(300)).build().validationTimeout())
                .isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void minAboveMaxIsRejectedNamingBothValues() {
        assertThat(rejected(b -> b.minConnections(20).maxConnections(10)))
                .hasMessage("minConnections (20) must not exceed maxConnections (10)");
    }

    @Test
    void sizesOutsideTheirRangesAreRejectedNamingValueAndRange() {
        assertThat(rejected(b -> b.minConnections(-1)))
                .hasMessage("minConnections (-1) must be between 0 and maxConnections (10)");
        assertThat(rejected(b -> b.maxConnections(0)))
                .hasMessage("maxConnections (0) must be between 1 and 100000");
        assertThat(rejected(b -> b.maxConnections(100_001)))
                .hasMessage("maxConnections (100001) must be between 1 and 100000");
    }

    @Test
    void durationsOutsideTheirRangesAreRejectedNamingValueAndRange() {
        assertThat(rejected(b -> b.acquireTimeout(Duration.ZERO)))
                .hasMessage("acquireTimeout (PT0S) must be between 1 ms and 100 days");
        assertThat(rejected(b -> b.acquireTimeout(null)))
                .hasMessage("acquireTimeout (null) must be between 1 ms and 100 days");
        assertThat(rejected(b -> b.idleTimeout(Duration.ofSeconds(-1))))
                .hasMessage("idleTimeout (PT-1S) must be 0 (never close idle clients) or between 1 ms and 100 days");
        assertThat(rejected(b -> b.connectTimeout(Duration.ofNanos(10))))
                .hasMessage("connectTimeout (PT0.00000001S) must be between 1 ms and 100 days");
        assertThat(rejected(b -> b.requestTimeout(Duration.ofDays(101))))
                .hasMessage("requestTimeout (PT2424H) must be between 1 ms and 100 days");
        assertThat(rejected(b -> b.validationBypassWindow(Duration.ofMillis(-5))))
                .hasMessage("validationBypassWindow (PT-0.005S) must be 0 (always validate) or between 1 ms and 100 days");
    }

    @Test
    void zeroIdleTimeoutMeansNeverAndIsAccepted() {
        assertThat(idle(Duration.ZERO).idleTimeout()).isZero();
    }

    @Test
    void baseUrlMustBeAnHttpUrlWithAHost() {
        assertThat(rejected(b -> b.baseUrl(null))).hasMessageContaining("baseUrl (null) must be an http:// or https:// URL");
        assertThat(rejected(b -> b.baseUrl("ftp://db.local"))).hasMessageContaining("baseUrl ('ftp://db.local') must be");
        assertThat(rejected(b -> b.baseUrl("localhost:8080"))).hasMessageContaining("baseUrl ('localhost:8080')");
        assertThat(rejected(b -> b.baseUrl("http://"))).hasMessageContaining("baseUrl ('http://')");
        assertThat(rejected(b -> b.baseUrl("http://h:8080/x?y=1"))).hasMessageContaining("must not have a query");
        assertThat(rejected(b -> b.baseUrl("http://h:8080 /x"))).hasMessageContaining("is not a valid URL");
    }

    @Test
    void baseUrlWithCredentialsIsRejectedWithoutRepeatingThem() {
        IllegalArgumentException e = rejected(b -> b.baseUrl("http://admin:s3cret-pw@db.local:8080"));

        assertThat(e).hasMessageContaining("must not carry credentials");
        assertThat(e.getMessage()).doesNotContain("s3cret-pw");
    }

    @Test
    void trailingSlashesOfTheBaseUrlAreDroppedAndAPathPrefixKept() {
        assertThat(PhantomDBPoolConfig.builder().baseUrl("http://127.0.0.1:9000/").build().baseUrl())
                .isEqualTo("http://127.0.0.1:9000");
        assertThat(PhantomDBPoolConfig.builder().baseUrl("https://proxy.local/phantom//").build().baseUrl())
                .isEqualTo("https://proxy.local/phantom");
    }

    @Test
    void theTokenNeverAppearsInToStringAndBadTokensAreRejectedWithoutQuotingThem() {
        PhantomDBPoolConfig c = PhantomDBPoolConfig.builder().token("tok-123-secret").build();

        assertThat(c.hasToken()).isTrue();
        assertThat(c.toString()).doesNotContain("tok-123-secret").contains("token=****");
        assertThat(rejected(b -> b.token("  "))).hasMessageContaining("token must not be blank");
        IllegalArgumentException e = rejected(b -> b.token("abc\r\nX-Evil: 1"));
        assertThat(e).hasMessage("token must not contain line breaks");
    }

    @Test
    void nameMustHaveOneToSixtyFourCharacters() {
        assertThat(rejected(b -> b.name(" "))).hasMessage("name (' ') must have 1 to 64 characters and not be blank");
        assertThat(rejected(b -> b.name("x".repeat(65)))).hasMessageContaining("must have 1 to 64 characters");
    }

    @Test
    void aNullListenerIsRejected() {
        assertThatThrownBy(() -> PhantomDBPoolConfig.builder().listener(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("listener must not be null");
    }

    @Test
    void toBuilderGivesAnEqualConfigurationToDeriveFrom() {
        PhantomDBPoolConfig c = PhantomDBPoolConfig.builder().baseUrl("http://h:1").name("p").minConnections(0)
                .maxConnections(3).token("t").idleTimeout(Duration.ofSeconds(5)).build();

        PhantomDBPoolConfig d = c.toBuilder().maxConnections(4).build();

        assertThat(d.toString()).isEqualTo(c.toString().replace("maxConnections=3", "maxConnections=4"));
        assertThat(d.hasToken()).isTrue();
    }
}
