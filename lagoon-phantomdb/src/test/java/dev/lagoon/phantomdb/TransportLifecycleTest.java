package dev.lagoon.phantomdb;

import dev.lagoon.phantomdb.StubServer.Reply;
import dev.lagoon.phantomdb.internal.HttpTransport;
import dev.lagoon.phantomdb.internal.TransportFactory;
import dev.lagoon.phantomdb.internal.TransportSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What one pooled "connection" (an HTTP client of its own) does when it is made, checked and closed. */
class TransportLifecycleTest {
    private StubServer server;
    private TransportSettings settings;

    @BeforeEach
    void start() throws Exception {
        server = StubServer.start();
        server.answer(r -> Reply.json(200, "{\"databases\":[]}"));
        settings = new TransportSettings(server.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(2), null,
                "lifecycle-test-" + System.nanoTime());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private long liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    @Test
    void closingATransportStopsItsThreadsAndLaterRequestsFailAsConnectionErrors() {
        HttpTransport t = new HttpTransport(settings);
        t.exchange("GET", "/databases", null, null, null);
        String prefix = settings.threadPrefix() + "-" + t.id() + "-";
        assertThat(liveThreads(prefix)).isPositive();

        t.close();
        t.close();

        assertThat(t.isClosed()).isTrue();
        Poll.until("the transport's threads stopped", Duration.ofSeconds(10), () -> liveThreads(prefix) == 0);
        PhantomDBException e = catchThrowableOfType(PhantomDBException.class,
                () -> t.exchange("GET", "/databases", null, null, null));
        assertThat(e.isConnectionError()).isTrue();
        assertThat(e.getMessage()).contains("transport is closed");
    }

    @Test
    void creatingAPooledTransportOpensNoConnectionWhileTheServerIsTrusted() throws Exception {
        TransportFactory factory = new TransportFactory(settings, Duration.ofSeconds(1));

        HttpTransport t = factory.create();

        assertThat(factory.serverSuspect()).isFalse();
        assertThat(server.pending()).isEmpty();
        factory.close(t);
        assertThat(t.isClosed()).isTrue();
    }

    @Test
    void afterAFailedHealthCheckCreatingATransportChecksTheServerFirst() throws Exception {
        TransportFactory factory = new TransportFactory(settings, Duration.ofSeconds(1));
        HttpTransport first = factory.create();
        server.health(r -> Reply.json(503, "{\"status\":\"unhealthy\",\"error\":\"db down\"}"));

        assertThat(factory.validate(first)).isFalse();
        assertThat(factory.serverSuspect()).isTrue();
        PhantomDBException refused = catchThrowableOfType(PhantomDBException.class, factory::create);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.serverMessage()).isEqualTo("db down");

        server.health(StubServer.HEALTHY);
        HttpTransport second = factory.create();

        assertThat(factory.serverSuspect()).isFalse();
        assertThat(factory.validate(second)).isTrue();
        factory.close(first);
        factory.close(second);
    }

    @Test
    void aTransportClosedAfterAConnectionFailureMakesTheServerSuspect() throws Exception {
        TransportSettings dead = new TransportSettings("http://127.0.0.1:" + StubServer.closedPort(),
                Duration.ofSeconds(2), Duration.ofSeconds(2), null, "lifecycle-dead");
        TransportFactory factory = new TransportFactory(dead, Duration.ofSeconds(1));
        HttpTransport t = factory.create();
        catchThrowableOfType(PhantomDBException.class, () -> t.exchange("GET", "/databases", null, null, null));
        assertThat(t.connectionFailed()).isTrue();

        factory.close(t);

        assertThat(factory.serverSuspect()).isTrue();
        assertThat(catchThrowableOfType(PhantomDBException.class, factory::create).isConnectionError()).isTrue();
    }

    @Test
    void aHealthAnswerThatIsNotHealthyFailsValidation() {
        TransportFactory factory = new TransportFactory(settings, Duration.ofSeconds(1));
        HttpTransport t = factory.create();
        server.health(r -> Reply.json(200, "{\"status\":\"starting\"}"));

        assertThat(factory.validate(t)).isFalse();
        factory.close(t);
    }
}
