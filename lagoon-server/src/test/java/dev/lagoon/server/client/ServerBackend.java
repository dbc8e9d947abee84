package dev.lagoon.server.client;

import dev.lagoon.server.ServerOptions;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The SQL backends the client tests run the real server on: H2 in memory (always there) and
 * PostgreSQL at 127.0.0.1:5432 (user postgres, database test, trust auth). When PostgreSQL
 * cannot be reached its tests are skipped with the reason, unless the environment says
 * {@code CI=true}: then they fail, so CI cannot go green without running them.
 */
enum ServerBackend {
    H2 {
        @Override
        String newJdbcUrl() {
            return "jdbc:h2:mem:client_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        }

        @Override
        void requireReachable() {
        }
    },
    POSTGRES {
        @Override
        String newJdbcUrl() {
            return POSTGRES_URL;
        }

        @Override
        void requireReachable() {
            String problem = postgresProblem();
            if (problem == null) {
                return;
            }
            String message = "PostgreSQL at 127.0.0.1:5432 (user postgres, database test) is unreachable: " + problem;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + " (CI=true, so this is a failure, not a skip)");
            }
            Assumptions.abort(message + "; skipping the PostgreSQL client tests (with CI=true they would fail)");
        }
    };

    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    /** @return a JDBC URL for a new server (for H2 a fresh in-memory database) */
    abstract String newJdbcUrl();

    /** Skips (or under CI fails) the calling test class when the backend cannot be reached. */
    abstract void requireReachable();

    /**
     * @param jdbcUrl the backend
     * @param port    the port, 0 for any free one
     * @return the options of a loopback server on that backend
     */
    static ServerOptions options(String jdbcUrl, int port) {
        return ServerOptions.builder().port(port).bind("127.0.0.1").jdbcUrl(jdbcUrl).build();
    }

    private static String postgresProblem() {
        DriverManager.setLoginTimeout(3);
        try (Connection c = DriverManager.getConnection(POSTGRES_URL)) {
            return c.isValid(3) ? null : "the connection is not valid";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }
}
