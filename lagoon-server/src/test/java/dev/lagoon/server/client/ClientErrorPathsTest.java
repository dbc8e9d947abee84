package dev.lagoon.server.client;

import dev.lagoon.phantomdb.Column;
import dev.lagoon.phantomdb.PhantomDB;
import dev.lagoon.phantomdb.PhantomDBException;
import dev.lagoon.phantomdb.PhantomDBPool;
import dev.lagoon.phantomdb.PhantomDBPoolConfig;
import dev.lagoon.server.PhantomServer;
import dev.lagoon.server.ServerOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How the Java client reports a real server that is down, slow, or whose backend is down. */
class ClientErrorPathsTest {

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aStoppedServerIsAConnectionErrorNamingTheServer() {
        LiveServer server = LiveServer.start(ServerBackend.H2);
        String url = server.baseUrl();
        try (PhantomDB db = PhantomDB.connect(url)) {
            assertThat(db.healthCheck()).containsEntry("status", "healthy");

            server.stop();
            PhantomDBException e = catchThrowableOfType(PhantomDBException.class, db::listDatabases);

            assertThat(e.isConnectionError()).isTrue();
            assertThat(e.statusCode()).isZero();
            assertThat(e.getMessage()).contains("PhantomDB at " + url).contains("GET /databases");
        } finally {
            server.close();
        }
    }

    @Test
    void aServerSlowToAnswerIsAConnectionErrorAtTheRequestTimeout() {
        try (LiveServer server = LiveServer.start(ServerBackend.H2);
             PhantomDB db = PhantomDB.connect(server.baseUrl());
             PhantomDB impatient = PhantomDB.builder().baseUrl(server.baseUrl())
                     .requestTimeout(Duration.ofMillis(300)).build()) {
            String d = Names.database();
            db.createDatabase(d);
            db.createTable(d, "slots", List.of(Column.of("id", "int"), Column.of("owner", "string")));
            db.insert(d, "slots", Map.of("id", 1, "owner", "nobody"));
            String tx = db.beginTransaction();
            db.inTransaction(tx).update(d, "slots", Map.of("owner", "tx"), "id = 1");
            try {
                long t0 = System.nanoTime();
                PhantomDBException e = catchThrowableOfType(PhantomDBException.class,
                        () -> impatient.update(d, "slots", Map.of("owner", "impatient"), "id = 1"));
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

                assertThat(e.isConnectionError()).isTrue();
                assertThat(e.getMessage()).endsWith("did not answer PUT /databases/" + d
                        + "/tables/slots within the request timeout of 300 ms");
                assertThat(tookMs).isBetween(250L, 5_000L);
            } finally {
                db.rollbackTransaction(tx);
            }
            assertThat(db.healthCheck()).containsEntry("status", "healthy");
            db.dropDatabase(d);
        }
    }

    @Test
    void aServerWhoseBackendIsDownAnswers503AndThePoolWillNotLendClientsForIt() throws Exception {
        String unreachable = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/test?user=postgres&connectTimeout=1";
        ServerOptions options = ServerOptions.builder().port(0).bind("127.0.0.1").jdbcUrl(unreachable)
                .acquireTimeout(Duration.ofMillis(500)).build();
        try (PhantomServer server = PhantomServer.start(options);
             PhantomDB db = PhantomDB.connect(server.baseUrl())) {
            PhantomDBException health = catchThrowableOfType(PhantomDBException.class, db::healthCheck);
            PhantomDBException data = catchThrowableOfType(PhantomDBException.class, db::listDatabases);

            assertThat(health.isHttpError()).isTrue();
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(data.statusCode()).isEqualTo(503);
            assertThat(data.errorCode()).isNotBlank();
            assertThat(data.serverMessage()).isNotBlank().doesNotContain("\tat ");

            try (PhantomDBPool pool = PhantomDBPool.create(PhantomDBPoolConfig.builder().baseUrl(server.baseUrl())
                    .minConnections(1).maxConnections(1).validationBypassWindow(Duration.ZERO)
                    .acquireTimeout(Duration.ofSeconds(4)).build())) {
                // the server's health check itself waits up to its 500 ms backend acquire timeout
                PhantomDBException e = catchThrowableOfType(PhantomDBException.class, pool::acquire);

                assertThat(e.kind()).isEqualTo(PhantomDBException.Kind.POOL_TIMEOUT);
                assertThat(e.getMessage()).contains("last connection failure").contains("HTTP 503");
            }
        }
    }
}
