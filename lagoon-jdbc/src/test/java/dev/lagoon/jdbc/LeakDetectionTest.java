package dev.lagoon.jdbc;

import dev.lagoon.jdbc.testkit.Await;
import dev.lagoon.jdbc.testkit.H2;
import dev.lagoon.jdbc.testkit.RecordingListener;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LeakDetectionTest {

    private LagoonDataSource ds;

    @AfterEach
    void stop() {
        if (ds != null) {
            ds.close();
        }
    }

    @Test
    void connectionHeldPastTheThresholdIsReportedAsASuspectedLeak() throws SQLException {
        RecordingListener listener = new RecordingListener();
        ds = LagoonDataSource.builder().jdbcUrl(H2.newMemoryUrl()).minSize(0).maxSize(2)
                .leakDetectionThreshold(Duration.ofMillis(50)).maintenanceInterval(Duration.ofMillis(20))
                .listener(listener).build();

        try (Connection held = ds.getConnection()) {
            assertThat(ds.poolConfig().leakDetectionThreshold()).isEqualTo(Duration.ofMillis(50));
            Await.until(Duration.ofSeconds(5), () -> !listener.leaks().isEmpty(), () -> "a leak report");
            assertThat(held.isClosed()).isFalse();
        }
        assertThat(listener.leaks()).hasSize(1);
    }

    @Test
    void noLeakIsReportedWhenDetectionIsOff() throws SQLException {
        RecordingListener listener = new RecordingListener();
        ds = LagoonDataSource.builder().jdbcUrl(H2.newMemoryUrl()).minSize(0).maxSize(2)
                .maintenanceInterval(Duration.ofMillis(20)).listener(listener).build();
        RecordingListener marker = new RecordingListener();
        LagoonDataSource witness = LagoonDataSource.builder().jdbcUrl(H2.newMemoryUrl()).minSize(0).maxSize(2)
                .leakDetectionThreshold(Duration.ofMillis(50)).maintenanceInterval(Duration.ofMillis(20))
                .listener(marker).build();
        try (Connection held = ds.getConnection(); Connection witnessHeld = witness.getConnection()) {
            // the witness pool, configured alike but with detection on, proves enough time passed
            Await.until(Duration.ofSeconds(5), () -> !marker.leaks().isEmpty(), () -> "the witness pool's leak report");
            assertThat(held.isClosed()).isFalse();
            assertThat(witnessHeld.isClosed()).isFalse();
        } finally {
            witness.close();
        }
        assertThat(listener.leaks()).isEmpty();
    }
}
