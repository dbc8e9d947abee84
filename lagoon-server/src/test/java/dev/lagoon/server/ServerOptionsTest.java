package dev.lagoon.server;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server's settings: defaults, validation that names the bad value, immutability. */
class ServerOptionsTest {

    private static void invalid(UnaryOperator<ServerOptions.Builder> change, String... messageParts) {
        assertThatThrownBy(() -> change.apply(ServerOptions.builder()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(messageParts);
    }

    @Test
    void defaultsServeAnH2FileDatabaseUnderDataOnLoopback8080() {
        ServerOptions o = ServerOptions.builder().build();
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.bind()).isEqualTo("127.0.0.1");
        assertThat(o.isDefaultDatabase()).isTrue();
        assertThat(o.dataDir()).isEqualTo(Path.of("data").toAbsolutePath().normalize());
        assertThat(o.jdbcUrl()).startsWith("jdbc:h2:file:" + o.dataDir().resolve("lagoon"));
        assertThat(o.user()).isEqualTo("sa");
        assertThat(o.password()).isNull();
        assertThat(o.token()).isNull();
        assertThat(o.minPoolSize()).isEqualTo(2);
        assertThat(o.maxPoolSize()).isEqualTo(10);
        assertThat(o.transactionTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.maxBodyBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void anExplicitUrlIsKeptAndOnlyH2GetsADefaultUser() {
        ServerOptions pg = ServerOptions.builder().jdbcUrl("jdbc:postgresql://127.0.0.1:5432/test").build();
        assertThat(pg.isDefaultDatabase()).isFalse();
        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(pg.user()).isNull();
        assertThat(ServerOptions.builder().jdbcUrl("jdbc:h2:mem:x").build().user()).isEqualTo("sa");
        assertThat(ServerOptions.builder().jdbcUrl("jdbc:h2:mem:x").user("me").build().user()).isEqualTo("me");
    }

    @Test
    void theDataDirectoryDecidesWhereTheDefaultDatabaseLives() {
        ServerOptions o = ServerOptions.builder().dataDir(Path.of("/tmp/lagoon-x")).build();
        assertThat(o.jdbcUrl()).startsWith("jdbc:h2:file:/tmp/lagoon-x/lagoon");
    }

    @Test
    void badValuesAreRefusedNamingTheValueAndTheRange() {
        invalid(b -> b.port(-1), "port (-1)", "0 and 65535");
        invalid(b -> b.port(70000), "port (70000)");
        invalid(b -> b.minPoolSize(20).maxPoolSize(10), "minPoolSize (20) must not exceed maxPoolSize (10)");
        invalid(b -> b.maxPoolSize(0).minPoolSize(0), "maxPoolSize (0) must be at least 1");
        invalid(b -> b.minPoolSize(-1), "minPoolSize (-1)");
        invalid(b -> b.transactionTimeout(Duration.ZERO), "transactionTimeout (PT0S) must be a positive duration");
        invalid(b -> b.acquireTimeout(Duration.ofSeconds(-1)), "acquireTimeout");
        invalid(b -> b.statementTimeout(null), "statementTimeout (null)");
        invalid(b -> b.maxBodyBytes(0), "maxBodyBytes (0)");
        invalid(b -> b.maxQueryRows(0), "maxQueryRows (0)");
        invalid(b -> b.bind(" "), "bind");
        invalid(b -> b.bind("no-such-host.invalid"), "cannot be resolved");
        invalid(b -> b.token("  "), "token must not be blank");
        invalid(b -> b.jdbcUrl("jdbc:oracle:thin:@db:1521/x"), "unsupported backend URL", "jdbc:postgresql:");
        invalid(b -> b.poolName(""), "poolName");
    }

    @Test
    void aBuilderCanBeReusedButBuiltOptionsDoNotChange() {
        ServerOptions.Builder b = ServerOptions.builder().port(1234);
        ServerOptions first = b.build();
        b.port(4321);
        assertThat(first.port()).isEqualTo(1234);
        assertThat(b.build().port()).isEqualTo(4321);
    }
}
