package dev.lagoon.server;

import dev.lagoon.server.internal.Masking;
import dev.lagoon.server.internal.sql.Dialect;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of a {@link PhantomServer}: where it listens, which SQL backend it runs on, how
 * its backend pool is sized, and its limits. Built with {@link #builder()}, validated once in
 * {@link Builder#build()}, immutable afterwards. {@link #toString()} masks the password, the
 * token and any password inside the JDBC URL.
 *
 * <pre>{@code
 * ServerOptions opts = ServerOptions.builder()
 *     .port(0)                                  // 0 picks a free port
 *     .jdbcUrl("jdbc:h2:mem:t1;DB_CLOSE_DELAY=-1")
 *     .minPoolSize(2).maxPoolSize(10)
 *     .build();
 * }</pre>
 */
public final class ServerOptions {

    /** The default HTTP port. */
    public static final int DEFAULT_PORT = 8080;
    /** The default bind address: loopback only. */
    public static final String DEFAULT_BIND = "127.0.0.1";

    private final int port;
    private final String bind;
    private final String jdbcUrl;
    private final boolean defaultDatabase;
    private final Path dataDir;
    private final String user;
    private final String password;
    private final String token;
    private final int minPoolSize;
    private final int maxPoolSize;
    private final Duration acquireTimeout;
    private final Duration transactionTimeout;
    private final Duration statementTimeout;
    private final Duration drainTimeout;
    private final int maxBodyBytes;
    private final int maxQueryRows;
    private final String poolName;

    private ServerOptions(Builder b, String jdbcUrl, boolean defaultDatabase, String user) {
        this.port = b.port;
        this.bind = b.bind;
        this.jdbcUrl = jdbcUrl;
        this.defaultDatabase = defaultDatabase;
        this.dataDir = b.dataDir.toAbsolutePath().normalize();
        this.user = user;
        this.password = b.password;
        this.token = b.token;
        this.minPoolSize = b.minPoolSize;
        this.maxPoolSize = b.maxPoolSize;
        this.acquireTimeout = b.acquireTimeout;
        this.transactionTimeout = b.transactionTimeout;
        this.statementTimeout = b.statementTimeout;
        this.drainTimeout = b.drainTimeout;
        this.maxBodyBytes = b.maxBodyBytes;
        this.maxQueryRows = b.maxQueryRows;
        this.poolName = b.poolName;
    }

    /** @return a builder with every default set */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the HTTP port; 0 means a free port is picked at start */
    public int port() {
        return port;
    }

    /** @return the address to listen on */
    public String bind() {
        return bind;
    }

    /** @return the backend JDBC URL (the H2 file database under {@link #dataDir()} unless set) */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** @return whether {@link #jdbcUrl()} is the default H2 file database under {@link #dataDir()} */
    public boolean isDefaultDatabase() {
        return defaultDatabase;
    }

    /** @return the directory of the default H2 file database */
    public Path dataDir() {
        return dataDir;
    }

    /** @return the backend user, or {@code null} to let the driver or URL decide */
    public String user() {
        return user;
    }

    /**
     * @return the backend password, or {@code null}; handed to the driver only, never logged
     *         ({@link #toString()} masks it)
     */
    public String password() {
        return password;
    }

    /**
     * @return the bearer token every request must carry, or {@code null} for no authentication;
     *         never logged ({@link #toString()} masks it)
     */
    public String token() {
        return token;
    }

    /** @return backend connections kept open even when idle */
    public int minPoolSize() {
        return minPoolSize;
    }

    /** @return the most backend connections open at once */
    public int maxPoolSize() {
        return maxPoolSize;
    }

    /** @return how long a request waits for a free backend connection before 503 */
    public Duration acquireTimeout() {
        return acquireTimeout;
    }

    /** @return how long a transaction may stay idle before it is rolled back and expires */
    public Duration transactionTimeout() {
        return transactionTimeout;
    }

    /** @return how long one SQL statement may run before it is cancelled */
    public Duration statementTimeout() {
        return statementTimeout;
    }

    /** @return how long {@link PhantomServer#close()} waits for in-flight requests */
    public Duration drainTimeout() {
        return drainTimeout;
    }

    /** @return the largest request body accepted, in bytes; larger ones get 413 */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** @return the most rows one {@code /query} call returns */
    public int maxQueryRows() {
        return maxQueryRows;
    }

    /** @return the backend pool's name in stats and metrics */
    public String poolName() {
        return poolName;
    }

    @Override
    public String toString() {
        return "ServerOptions{port=" + port + ", bind=" + bind + ", jdbcUrl=" + Masking.jdbcUrl(jdbcUrl)
                + ", user=" + user + ", password=" + (password == null ? "none" : Masking.MASK)
                + ", token=" + (token == null ? "none" : Masking.MASK)
                + ", pool=" + minPoolSize + ".." + maxPoolSize + ", acquireTimeout=" + acquireTimeout
                + ", transactionTimeout=" + transactionTimeout + ", statementTimeout=" + statementTimeout
                + ", drainTimeout=" + drainTimeout + ", maxBodyBytes=" + maxBodyBytes
                + ", maxQueryRows=" + maxQueryRows + ", poolName=" + poolName + '}';
    }

    /** Collects settings; {@link #build()} validates them all at once. Not thread-safe. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private String bind = DEFAULT_BIND;
        private String jdbcUrl;
        private Path dataDir = Path.of("data");
        private String user;
        private String password;
        private String token;
        private int minPoolSize = 2;
        private int maxPoolSize = 10;
        private Duration acquireTimeout = Duration.ofSeconds(10);
        private Duration transactionTimeout = Duration.ofSeconds(60);
        private Duration statementTimeout = Duration.ofSeconds(30);
        private Duration drainTimeout = Duration.ofSeconds(30);
        private int maxBodyBytes = 1024 * 1024;
        private int maxQueryRows = 10_000;
        private String poolName = "lagoon-server";

        private Builder() {
        }

        /** @param port 0 to 65535 [8080]; 0 picks a free port @return this */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** @param bind the address to listen on [127.0.0.1] @return this */
        public Builder bind(String bind) {
            this.bind = bind;
            return this;
        }

        /** @param jdbcUrl jdbc:h2:, jdbc:postgresql: or jdbc:mariadb: URL [H2 file under the data dir] @return this */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        /** @param dataDir where the default H2 database lives [./data] @return this */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** @param user the backend user [sa for H2, else the driver's default] @return this */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** @param password the backend password [none] @return this */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** @param token the bearer token requests must carry, {@code null} for none [none] @return this */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** @param minPoolSize idle backend connections kept [2] @return this */
        public Builder minPoolSize(int minPoolSize) {
            this.minPoolSize = minPoolSize;
            return this;
        }

        /** @param maxPoolSize most backend connections [10] @return this */
        public Builder maxPoolSize(int maxPoolSize) {
            this.maxPoolSize = maxPoolSize;
            return this;
        }

        /** @param acquireTimeout wait for a backend connection [10 s] @return this */
        public Builder acquireTimeout(Duration acquireTimeout) {
            this.acquireTimeout = acquireTimeout;
            return this;
        }

        /** @param transactionTimeout idle time before a transaction expires [60 s] @return this */
        public Builder transactionTimeout(Duration transactionTimeout) {
            this.transactionTimeout = transactionTimeout;
            return this;
        }

        /** @param statementTimeout how long one statement may run [30 s] @return this */
        public Builder statementTimeout(Duration statementTimeout) {
            this.statementTimeout = statementTimeout;
            return this;
        }

        /** @param drainTimeout wait for in-flight requests at close [30 s] @return this */
        public Builder drainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
            return this;
        }

        /** @param maxBodyBytes largest request body [1 MiB] @return this */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** @param maxQueryRows most rows from one /query [10,000] @return this */
        public Builder maxQueryRows(int maxQueryRows) {
            this.maxQueryRows = maxQueryRows;
            return this;
        }

        /** @param poolName the backend pool's name [lagoon-server] @return this */
        public Builder poolName(String poolName) {
            this.poolName = poolName;
            return this;
        }

        /**
         * Validates every setting and freezes them.
         *
         * @return the options
         * @throws IllegalArgumentException naming the first bad value and what is allowed
         */
        public ServerOptions build() {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port (" + port + ") must be between 0 and 65535");
            }
            if (bind == null || bind.isBlank()) {
                throw new IllegalArgumentException("bind must be an address such as 127.0.0.1");
            }
            if (token != null && token.isBlank()) {
                throw new IllegalArgumentException("token must not be blank (leave it unset for no authentication)");
            }
            checkBind();
            if (minPoolSize < 0) {
                throw new IllegalArgumentException("minPoolSize (" + minPoolSize + ") must be at least 0");
            }
            if (maxPoolSize < 1) {
                throw new IllegalArgumentException("maxPoolSize (" + maxPoolSize + ") must be at least 1");
            }
            if (minPoolSize > maxPoolSize) {
                throw new IllegalArgumentException("minPoolSize (" + minPoolSize + ") must not exceed maxPoolSize ("
                        + maxPoolSize + ")");
            }
            positive("acquireTimeout", acquireTimeout);
            positive("transactionTimeout", transactionTimeout);
            positive("statementTimeout", statementTimeout);
            positive("drainTimeout", drainTimeout);
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes (" + maxBodyBytes + ") must be at least 1");
            }
            if (maxQueryRows < 1) {
                throw new IllegalArgumentException("maxQueryRows (" + maxQueryRows + ") must be at least 1");
            }
            if (poolName == null || poolName.isBlank()) {
                throw new IllegalArgumentException("poolName must not be blank");
            }
            Objects.requireNonNull(dataDir, "dataDir");
            boolean defaultDatabase = jdbcUrl == null || jdbcUrl.isBlank();
            // the default H2 folds unquoted names to lower case, as PostgreSQL does, so raw SQL can
            // name the tables clients create without quoting them
            String url = defaultDatabase
                    ? "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("lagoon")
                    + ";DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE"
                    : jdbcUrl.trim();
            Dialect dialect = Dialect.forJdbcUrl(url);
            String effectiveUser = user == null && dialect == Dialect.H2 ? "sa" : user;
            return new ServerOptions(this, url, defaultDatabase, effectiveUser);
        }

        private void checkBind() {
            InetAddress address;
            try {
                address = InetAddress.getByName(bind.trim());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bind address '" + bind + "' cannot be resolved", e);
            }
            if (!address.isLoopbackAddress() && token == null) {
                throw new IllegalArgumentException("refusing to listen on " + bind + " without a token: it is not a"
                        + " loopback address, so anyone who can reach it could use the API; set a token"
                        + " (--token or LAGOON_TOKEN) or bind to 127.0.0.1");
            }
        }

        private static void positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " (" + value + ") must be a positive duration");
            }
        }
    }
}
