package dev.lagoon.jdbc.testkit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real database servers the integration tests use, and the rule for when they are
 * missing: outside CI (environment variable {@code CI} not {@code true}) a test that needs an
 * unreachable server is skipped with a message saying which server and why; with
 * {@code CI=true} it fails.
 *
 * <p>Servers: PostgreSQL at 127.0.0.1:5432 (user {@code postgres}, database {@code test},
 * trust authentication) and MariaDB at 127.0.0.1:3306 (user {@code root}, empty password,
 * database {@code test}). Embedded H2 needs no server. The address can be moved with the system
 * properties {@code lagoon.test.postgresql.host}/{@code .port} and
 * {@code lagoon.test.mariadb.host}/{@code .port}.
 */
public final class TestDatabases {

    /** A kind of server. */
    public enum Kind {
        /** PostgreSQL through pgjdbc. */
        POSTGRESQL("PostgreSQL", "127.0.0.1", 5432, "postgres", ""),
        /** MariaDB through MariaDB Connector/J. */
        MARIADB("MariaDB", "127.0.0.1", 3306, "root", "");

        final String label;
        final String host;
        final int port;
        final String adminUser;
        final String adminPassword;

        Kind(String label, String host, int port, String adminUser, String adminPassword) {
            String prefix = "lagoon.test." + name().toLowerCase(java.util.Locale.ROOT) + ".";
            this.label = label;
            this.host = System.getProperty(prefix + "host", host);
            this.port = Integer.getInteger(prefix + "port", port);
            this.adminUser = adminUser;
            this.adminPassword = adminPassword;
        }
    }

    private static final Map<Kind, String> UNREACHABLE = new ConcurrentHashMap<>();
    private static final Map<Kind, Boolean> CHECKED = new ConcurrentHashMap<>();

    private TestDatabases() {
    }

    /** @return whether this run is CI ({@code CI=true}), where missing servers fail tests */
    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Returns the server, or skips (outside CI) or fails (in CI) the calling test when it is
     * unreachable.
     *
     * @param kind the server wanted
     * @return the reachable server
     */
    public static Server require(Kind kind) {
        CHECKED.computeIfAbsent(kind, k -> {
            String problem = probe(k);
            if (problem != null) {
                UNREACHABLE.put(k, problem);
            }
            return Boolean.TRUE;
        });
        String problem = UNREACHABLE.get(kind);
        if (problem != null) {
            String message = kind.label + " at " + kind.host + ":" + kind.port + " is unreachable (" + problem + ")";
            if (isCi()) {
                Assertions.fail(message + "; CI=true, so tests that need it fail instead of skipping");
            }
            Assumptions.abort(message + "; skipping (set CI=true to make this a failure)");
        }
        return new Server(kind);
    }

    private static String probe(Kind kind) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(kind.host, kind.port), 1_000);
        } catch (IOException e) {
            return "no TCP connection: " + e.getMessage();
        }
        Server server = new Server(kind);
        try (Connection c = server.admin()) {
            c.isValid(2);
        } catch (SQLException e) {
            return "cannot log in as " + kind.adminUser + ": " + e.getMessage();
        }
        return null;
    }

    /** One reachable server. */
    public static final class Server {
        private final Kind kind;

        Server(Kind kind) {
            this.kind = kind;
        }

        /** @return its kind */
        public Kind kind() {
            return kind;
        }

        /** @return the host */
        public String host() {
            return kind.host;
        }

        /** @return the port */
        public int port() {
            return kind.port;
        }

        /** @return a JDBC URL for the {@code test} database, direct */
        public String jdbcUrl() {
            return jdbcUrl(kind.host, kind.port);
        }

        /**
         * @param host the host to connect to (a {@link FaultProxy}'s, say)
         * @param port its port
         * @return a JDBC URL for the {@code test} database through that address
         */
        public String jdbcUrl(String host, int port) {
            return (kind == Kind.POSTGRESQL ? "jdbc:postgresql://" : "jdbc:mariadb://") + host + ":" + port + "/test";
        }

        /**
         * Driver properties that bound the connect and login handshake by {@code seconds}, as a
         * careful user sets them: without them a silent server holds a creator thread for the
         * driver's default (minutes for pgjdbc's socket, 30 s for MariaDB).
         *
         * @param seconds the bound
         * @return the properties
         */
        public Properties handshakeTimeouts(int seconds) {
            Properties p = new Properties();
            if (kind == Kind.POSTGRESQL) {
                p.setProperty("connectTimeout", Integer.toString(seconds));
                p.setProperty("loginTimeout", Integer.toString(seconds));
            } else {
                p.setProperty("connectTimeout", Integer.toString(seconds * 1000));
            }
            return p;
        }

        /** @return a new direct connection as the administrator */
        public Connection admin() throws SQLException {
            Properties p = handshakeTimeouts(3);
            p.setProperty("user", kind.adminUser);
            p.setProperty("password", kind.adminPassword);
            return DriverManager.getConnection(jdbcUrl(), p);
        }

        /** @return the administrator's user name */
        public String adminUser() {
            return kind.adminUser;
        }

        /** @return the administrator's password */
        public String adminPassword() {
            return kind.adminPassword;
        }

        /**
         * Creates a way to recognise one pool's sessions on the server: an
         * {@code ApplicationName} for PostgreSQL, a dedicated user for MariaDB (whose process
         * list has no per-connection attribute).
         *
         * @return the tag; close it to drop what it created
         * @throws SQLException if the server refuses
         */
        public SessionTag newSessionTag() throws SQLException {
            return new SessionTag(this);
        }

        /**
         * Runs SQL as the administrator.
         *
         * @param sql statements to run in order
         * @throws SQLException if one fails
         */
        public void execute(String... sql) throws SQLException {
            try (Connection c = admin(); Statement st = c.createStatement()) {
                for (String s : sql) {
                    st.execute(s);
                }
            }
        }

        @Override
        public String toString() {
            return kind.label;
        }
    }

    /**
     * What identifies one pool's sessions on a server, how to log in with it, and how to count
     * and terminate those sessions from outside.
     */
    public static final class SessionTag implements AutoCloseable {
        private final Server server;
        private final String tag;

        SessionTag(Server server) throws SQLException {
            this.server = server;
            this.tag = "lagoon_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            if (server.kind == Kind.MARIADB) {
                List<String> sql = new ArrayList<>();
                for (String host : new String[] {"127.0.0.1", "localhost", "%"}) {
                    sql.add("CREATE USER '" + tag + "'@'" + host + "' IDENTIFIED BY '" + password() + "'");
                    sql.add("GRANT ALL PRIVILEGES ON test.* TO '" + tag + "'@'" + host + "'");
                }
                server.execute(sql.toArray(new String[0]));
            }
        }

        /** @return the user the pool logs in as */
        public String username() {
            return server.kind == Kind.MARIADB ? tag : server.kind.adminUser;
        }

        /** @return the password the pool logs in with */
        public String password() {
            return server.kind == Kind.MARIADB ? "pw_" + tag : server.kind.adminPassword;
        }

        /** @return driver properties to add (the application name for PostgreSQL) */
        public Properties connectionProperties() {
            Properties p = new Properties();
            if (server.kind == Kind.POSTGRESQL) {
                p.setProperty("ApplicationName", tag);
            }
            return p;
        }

        /** @return the tag itself */
        public String tag() {
            return tag;
        }

        /**
         * @return how many sessions with this tag the server has now
         * @throws SQLException if the server cannot be asked
         */
        public int serverSessionCount() throws SQLException {
            return sessionIds().size();
        }

        /**
         * @return the server's ids (backend pids, connection ids) of the tagged sessions
         * @throws SQLException if the server cannot be asked
         */
        public List<Long> sessionIds() throws SQLException {
            String sql = server.kind == Kind.POSTGRESQL
                    ? "SELECT pid FROM pg_stat_activity WHERE application_name = ?"
                    : "SELECT id FROM information_schema.processlist WHERE user = ?";
            List<Long> ids = new ArrayList<>();
            try (Connection c = server.admin(); PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, tag);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        }

        /**
         * Terminates every tagged session from the server side
         * ({@code pg_terminate_backend} or {@code KILL}).
         *
         * @return how many sessions were terminated
         * @throws SQLException if the server refuses
         */
        public int terminateAll() throws SQLException {
            List<Long> ids = sessionIds();
            try (Connection c = server.admin(); Statement st = c.createStatement()) {
                for (long id : ids) {
                    if (server.kind == Kind.POSTGRESQL) {
                        st.execute("SELECT pg_terminate_backend(" + id + ")");
                    } else {
                        try {
                            st.execute("KILL " + id);
                        } catch (SQLException e) {
                            if (!e.getMessage().toLowerCase(Locale.ROOT).contains("unknown thread")) {
                                throw e;
                            }
                        }
                    }
                }
            }
            return ids.size();
        }

        /** Drops the MariaDB user; its leftover sessions are killed first. */
        @Override
        public void close() throws SQLException {
            if (server.kind == Kind.MARIADB) {
                terminateAll();
                List<String> sql = new ArrayList<>();
                for (String host : new String[] {"127.0.0.1", "localhost", "%"}) {
                    sql.add("DROP USER IF EXISTS '" + tag + "'@'" + host + "'");
                }
                server.execute(sql.toArray(new String[0]));
            }
        }
    }
}
