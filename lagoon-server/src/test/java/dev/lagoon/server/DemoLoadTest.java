package dev.lagoon.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoon.server.internal.demo.DemoLoad;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code --demo} load: tenants set up, operations flowing through the client pool, a progress line. */
class DemoLoadTest {

    @Test
    void theDemoDrivesEveryTenantThroughTheClientPoolWithoutErrors() {
        StringWriter progress = new StringWriter();
        try (TestServer api = TestServer.start()) {
            DemoLoad demo = new DemoLoad(new DemoLoad.Settings(api.baseUrl(), null, 3, 4), () -> "server-pool-state",
                    new PrintWriter(progress), false);
            try {
                demo.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (demo.operations() < 150) {
                    assertThat(System.nanoTime()).as("150 demo operations within 120 s").isLessThan(deadline);
                    Thread.onSpinWait();
                }
            } finally {
                demo.close();
            }
            assertThat(demo.errors()).isZero();
            assertThat(demo.tenantDatabases()).containsExactly("demo_tenant_1", "demo_tenant_2", "demo_tenant_3");
            JsonNode databases = api.get("/databases").json().get("databases");
            assertThat(databases.toString()).contains("demo_tenant_1", "demo_tenant_2", "demo_tenant_3");
            long rows = 0;
            for (String db : demo.tenantDatabases()) {
                assertThat(api.get("/databases/" + db + "/tables").json().get("tables").toString()).contains("orders");
                rows += api.rows(db, "orders").size();
            }
            assertThat(rows).isPositive();
            JsonNode stats = api.get("/stats").json();
            assertThat(stats.path("requests").path("by_operation").path("insert").asLong()).isPositive();
            assertThat(stats.path("requests").path("by_operation").path("select").asLong()).isPositive();
            assertThat(stats.path("transactions").path("committed").asLong()).isPositive();
            assertThat(stats.path("transactions").path("open").asInt()).isZero();
        }
        assertThat(progress.toString()).contains("demo: 3 tenants, 4 workers").contains("server pool server-pool-state")
                .contains("| stopped");
    }

    @Test
    void theDemoNeedsATenantAndAWorker() {
        assertThatThrownBy(() -> new DemoLoad.Settings("http://127.0.0.1:1", null, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one tenant (0)");
    }
}
