package dev.lagoon.server;

import dev.lagoon.server.TestServer.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bearer token, the refusal to listen openly without one, and secrets that never leak. */
class AuthAndSecretsTest {

    private static final String TOKEN = "tok-7f3a9c-very-secret";

    @Test
    void withATokenEveryRequestNeedsTheBearerHeader() {
        try (TestServer api = TestServer.start(b -> b.token(TOKEN))) {
            for (String path : List.of("/", "/health", "/databases", "/stats", "/metrics", "/nothing")) {
                Response r = api.get(path);
                assertThat(r.status()).as(path).isEqualTo(401);
                assertThat(r.code()).isEqualTo("UNAUTHORIZED");
                assertThat(r.error()).contains("Authorization: Bearer");
                assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
            }
            assertThat(api.post("/databases", "{\"name\": \"x\"}").status()).isEqualTo(401);
            assertThat(api.post("/transactions", null).status()).isEqualTo(401);

            Response ok = api.get("/databases", "Authorization", "Bearer " + TOKEN);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(api.post("/databases", "{\"name\": \"x\"}", "Authorization", "bearer " + TOKEN).status())
                    .isEqualTo(201);
        }
    }

    @Test
    void aWrongOrMalformedTokenIs401AndDoesNotEchoIt() {
        try (TestServer api = TestServer.start(b -> b.token(TOKEN))) {
            for (String header : List.of("Bearer wrong", "Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1),
                    "Basic " + TOKEN, TOKEN, "Bearer")) {
                Response r = api.get("/databases", "Authorization", header);
                assertThat(r.status()).as(header).isEqualTo(401);
                assertThat(r.error()).isEqualTo("the bearer token is not valid");
                assertThat(r.text()).doesNotContain(TOKEN).doesNotContain("wrong");
            }
        }
    }

    @Test
    void withoutATokenALoopbackServerIsOpen() {
        try (TestServer api = TestServer.start()) {
            assertThat(api.get("/databases").status()).isEqualTo(200);
        }
    }

    @Test
    void listeningOnANonLoopbackAddressWithoutATokenIsRefused() {
        assertThatThrownBy(() -> ServerOptions.builder().bind("0.0.0.0").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refusing to listen on 0.0.0.0 without a token");
        assertThat(ServerOptions.builder().bind("0.0.0.0").token(TOKEN).build().bind()).isEqualTo("0.0.0.0");
        assertThat(ServerOptions.builder().bind("localhost").build().bind()).isEqualTo("localhost");
        assertThat(ServerOptions.builder().bind("::1").build().bind()).isEqualTo("::1");
    }

    @Test
    void optionsNeverShowThePasswordOrToken() {
        ServerOptions options = ServerOptions.builder()
                .jdbcUrl("jdbc:postgresql://app:url-secret@127.0.0.1:5432/test?password=query-secret&ssl=false")
                .password("pw-secret").token(TOKEN).build();
        String text = options.toString();
        assertThat(text).doesNotContain("url-secret").doesNotContain("query-secret").doesNotContain("pw-secret")
                .doesNotContain(TOKEN);
        assertThat(text).contains("password=****").contains("token=****").contains("app:****@127.0.0.1");
    }

    @Test
    void backendErrorsInAnswersAndStatsNeverShowTheBackendPassword() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String secret = "Leaky-Pw-99";
        try (TestServer api = TestServer.start(b -> b
                .jdbcUrl("jdbc:postgresql://127.0.0.1:" + closed + "/test?password=" + secret + "&connectTimeout=1")
                .user("postgres").password(secret).minPoolSize(0).acquireTimeout(Duration.ofSeconds(1)))) {
            for (String path : List.of("/health", "/databases", "/stats", "/metrics", "/")) {
                Response r = api.get(path);
                assertThat(r.text()).as(path).doesNotContain(secret);
            }
            assertThat(api.server.options().toString()).doesNotContain(secret);
            assertThat(Main.startupLine(api.server)).doesNotContain(secret).contains("password=****");
        }
    }
}
