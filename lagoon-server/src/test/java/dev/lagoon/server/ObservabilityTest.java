package dev.lagoon.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoon.server.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The welcome, health, stats and metrics endpoints. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityTest {

    private static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\.|[^\"\\\\])*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\.|[^\"\\\\])*\")*})? -?[0-9.eE+-]+");

    private TestServer api;

    @BeforeAll
    void start() {
        api = TestServer.start(b -> b.minPoolSize(2).maxPoolSize(7).poolName("obs-pool"));
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void theWelcomeSaysWhatItIs() {
        Response r = api.get("/");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(r.json().get("message").asText()).contains("Lagoon PhantomDB server");
        assertThat(r.json().get("backend").asText()).isEqualTo("H2");
        assertThat(r.json().get("version").asText()).isNotBlank();
    }

    @Test
    void healthIsHealthyWhenTheBackendAnswers() {
        Response r = api.get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("healthy");
        assertThat(r.json().has("reason")).isFalse();
        assertThat(r.json().path("pool").path("max").asInt()).isEqualTo(7);
    }

    @Test
    void healthIs503WithAReasonWhenTheBackendIsDownAndDataRequestsAre503Too() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (TestServer down = TestServer.start(b -> b
                .jdbcUrl("jdbc:postgresql://127.0.0.1:" + closed + "/test?connectTimeout=2")
                .user("postgres").minPoolSize(0).acquireTimeout(Duration.ofSeconds(2)))) {
            Response health = down.get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asText()).isEqualTo("unhealthy");
            assertThat(health.json().get("reason").asText()).contains("unreachable");
            assertThat(health.json().get("code").asText()).isEqualTo("BACKEND_UNAVAILABLE");

            Response data = down.get("/databases");
            assertThat(data.status()).isEqualTo(503);
            assertThat(data.code()).isEqualTo("BACKEND_UNAVAILABLE");
            assertThat(data.error()).doesNotContain("Exception:").doesNotContain("\tat ");
            assertThat(down.post("/transactions", null).status()).isEqualTo(503);

            assertThat(down.get("/").status()).isEqualTo(200);
            assertThat(down.get("/stats").status()).isEqualTo(200);
        }
    }

    @Test
    void statsReportUptimeRequestCountsAndThePool() {
        api.get("/databases");
        api.get("/databases");
        api.get("/databases/nope/tables");
        Response r = api.get("/stats");
        assertThat(r.status()).isEqualTo(200);
        JsonNode s = r.json();
        assertThat(s.get("uptime_seconds").asDouble()).isPositive();
        assertThat(s.get("started_at").asText()).endsWith("Z");
        assertThat(s.path("requests").path("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(s.path("requests").path("by_operation").path("list_databases").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(s.path("requests").path("by_status").path("404").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode pool = s.get("pool");
        assertThat(pool.get("name").asText()).isEqualTo("obs-pool");
        assertThat(pool.get("min").asInt()).isEqualTo(2);
        assertThat(pool.get("max").asInt()).isEqualTo(7);
        assertThat(pool.get("used").asInt()).isZero();
        assertThat(pool.get("total").asInt()).isBetween(pool.get("min").asInt(), 7);
        assertThat(pool.get("available").asInt()).isEqualTo(pool.get("total").asInt());
        assertThat(s.path("transactions").has("open")).isTrue();
        assertThat(s.has("virtual_threads")).isTrue();
    }

    @Test
    void statsCountRequestsAsTheyHappen() {
        long before = api.get("/stats").json().path("requests").path("by_operation").path("health").asLong();
        api.get("/health");
        api.get("/health");
        long after = api.get("/stats").json().path("requests").path("by_operation").path("health").asLong();
        assertThat(after - before).isEqualTo(2);
    }

    @Test
    void metricsAreAValidPrometheusTextExposition() {
        api.get("/databases");
        api.get("/databases/nope/tables");
        Response r = api.get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        String text = r.text();
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                assertThat(line).matches("# (HELP|TYPE) [a-z_]+ .+");
            } else {
                assertThat(line).as("sample line").matches(SAMPLE);
            }
        }
        assertThat(text).contains("# TYPE lagoon_server_requests_total counter");
        assertThat(text).containsPattern("lagoon_server_requests_total\\{operation=\"list_databases\",status=\"200\"} [1-9]");
        assertThat(text).containsPattern("lagoon_server_requests_total\\{operation=\"list_tables\",status=\"404\"} [1-9]");
        assertThat(text).contains("lagoon_pool_connections{pool=\"obs-pool\",backend=\"H2\",state=\"used\"} 0");
        assertThat(text).contains("lagoon_pool_max_connections{pool=\"obs-pool\",backend=\"H2\"} 7");
        assertThat(text).contains("lagoon_pool_min_connections{pool=\"obs-pool\",backend=\"H2\"} 2");
        assertThat(text).contains("lagoon_pool_pending{pool=\"obs-pool\",backend=\"H2\"} 0");
        assertThat(text).contains("lagoon_server_transactions_open 0");
        assertThat(text).containsPattern("lagoon_server_uptime_seconds [0-9]+\\.[0-9]+");
    }

    @Test
    void deleteIsCountedAsDropTableOrDeleteRowsByItsCondition() {
        api.createDatabase("counted");
        api.createTable("counted", "t", "id", "int");
        api.delete("/databases/counted/tables/t?condition=true");
        api.delete("/databases/counted/tables/t");
        String text = api.get("/metrics").text();
        assertThat(text).contains("operation=\"delete_rows\",status=\"200\"");
        assertThat(text).contains("operation=\"drop_table\",status=\"200\"");
    }
}
