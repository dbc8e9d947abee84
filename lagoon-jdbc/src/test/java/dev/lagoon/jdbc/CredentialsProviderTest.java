package dev.lagoon.jdbc;

import dev.lagoon.jdbc.testkit.FakeJdbc;
import dev.lagoon.jdbc.testkit.H2;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsProviderTest {

    private LagoonDataSource ds;

    @AfterEach
    void stop() {
        if (ds != null) {
            ds.close();
        }
    }

    private static String databaseWithUser(String user, String password) throws SQLException {
        String url = H2.newMemoryUrl();
        try (Connection admin = DriverManager.getConnection(url, "sa", "");
             Statement st = admin.createStatement()) {
            st.execute("CREATE USER " + user + " PASSWORD '" + password + "' ADMIN");
        }
        return url;
    }

    @Test
    void providerIsAskedOnceForEveryNewConnection() throws SQLException {
        String url = databaseWithUser("APP", "first-pass");
        AtomicInteger calls = new AtomicInteger();
        ds = LagoonDataSource.builder().jdbcUrl(url).minSize(0).maxSize(3).initialSize(2)
                .credentialsProvider(() -> {
                    calls.incrementAndGet();
                    return Credentials.of("APP", "first-pass");
                }).build();

        ds.start();
        assertThat(calls.get()).isEqualTo(2);
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(ds.getConnection());
        }
        for (Connection c : held) {
            c.close();
        }
        ds.getConnection().close();

        assertThat(calls.get()).isEqualTo(3);
        assertThat(ds.status().total()).isEqualTo(3);
    }

    @Test
    void rotatedPasswordIsUsedForNewConnectionsWithoutARestart() throws SQLException {
        String url = databaseWithUser("ROTATING", "old-password");
        AtomicReference<String> current = new AtomicReference<>("old-password");
        ds = LagoonDataSource.builder().jdbcUrl(url).minSize(0).maxSize(1)
                .acquireTimeout(Duration.ofSeconds(5))
                .credentialsProvider(() -> Credentials.of("ROTATING", current.get())).build();
        Connection first = ds.getConnection();
        try (Statement st = first.createStatement()) {
            st.execute("ALTER USER ROTATING SET PASSWORD 'new-password'");
        }
        current.set("new-password");
        first.abort(Runnable::run);

        try (Connection second = ds.getConnection()) {
            assertThat(second.getMetaData().getUserName()).isEqualTo("ROTATING");
        }
    }

    @Test
    void providerFailureReachesTheTimedOutBorrowerAsTheCause() {
        ds = LagoonDataSource.builder().jdbcUrl(H2.newMemoryUrl()).minSize(0).maxSize(1)
                .acquireTimeout(Duration.ofMillis(300))
                .credentialsProvider(() -> {
                    throw new SQLException("vault is sealed", "28000");
                }).build();

        assertThatThrownBy(ds::getConnection)
                .isInstanceOf(SQLTransientConnectionException.class)
                .hasMessageContaining("vault is sealed")
                .hasRootCauseMessage("vault is sealed")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28000");
    }

    @Test
    void passwordNeverAppearsInTheExceptionOfAFailedLogin() throws SQLException {
        String url = databaseWithUser("LOCKED", "right-password");
        ds = LagoonDataSource.builder().jdbcUrl(url + ";PASSWORD=url-secret-value").minSize(0).maxSize(1)
                .username("LOCKED").password("wrong-password-value")
                .acquireTimeout(Duration.ofMillis(500)).build();

        Throwable failure = null;
        try {
            ds.getConnection().close();
        } catch (SQLException e) {
            failure = e;
        }

        assertThat(failure).isNotNull();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("url-secret-value", "wrong-password-value");
        }
    }

    @Test
    void driverMessageEchoingThePasswordIsMaskedBeforeItReachesTheBorrower() {
        FakeJdbc fake = new FakeJdbc();
        fake.failConnects(new SQLException("cannot reach jdbc:fake://h/db?password=url-leak for bob/leaky-secret-99",
                "08001", new java.io.IOException("auth sent leaky-secret-99")));
        ds = LagoonDataSource.builder().dataSource(fake.dataSource()).username("bob").password("leaky-secret-99")
                .minSize(0).maxSize(1).acquireTimeout(Duration.ofMillis(300)).build();

        Throwable failure = null;
        try {
            ds.getConnection().close();
        } catch (SQLException e) {
            failure = e;
        }

        assertThat(failure).isInstanceOf(SQLTransientConnectionException.class).hasMessageContaining("cannot reach");
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("leaky-secret-99", "url-leak");
        }
        assertThat(failure).hasRootCauseMessage("java.io.IOException: auth sent <masked>");
    }
}
