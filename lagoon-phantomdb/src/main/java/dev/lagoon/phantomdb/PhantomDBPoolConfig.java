package dev.lagoon.phantomdb;

import dev.lagoon.PoolConfig;
import dev.lagoon.PoolListener;
import dev.lagoon.phantomdb.internal.Checks;
import dev.lagoon.phantomdb.internal.Secret;
import dev.lagoon.phantomdb.internal.TransportSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The immutable configuration of a {@link PhantomDBPool}: the seeds' five options, plus the
 * client's timeouts and token.
 *
 * <p>{@link Builder#build()} checks every value once and throws {@link IllegalArgumentException}
 * naming the bad value and the allowed range; nothing is clamped silently.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>default</th><th>range</th></tr>
 *   <tr><td>baseUrl</td><td>http://localhost:8080</td><td>an http(s) URL with a host, no credentials</td></tr>
 *   <tr><td>minConnections</td><td>2</td><td>0 .. maxConnections</td></tr>
 *   <tr><td>maxConnections</td><td>10</td><td>1 .. 100,000</td></tr>
 *   <tr><td>acquireTimeout</td><td>30 s</td><td>1 ms .. 100 days</td></tr>
 *   <tr><td>idleTimeout</td><td>60 s</td><td>0 (never) or 1 ms .. 100 days</td></tr>
 *   <tr><td>connectTimeout</td><td>10 s</td><td>1 ms .. 100 days</td></tr>
 *   <tr><td>requestTimeout</td><td>30 s</td><td>1 ms .. 100 days</td></tr>
 *   <tr><td>validationBypassWindow</td><td>500 ms</td><td>0 (always validate) .. 100 days</td></tr>
 *   <tr><td>token</td><td>none</td><td>not blank, no line breaks</td></tr>
 *   <tr><td>name</td><td>phantomdb-N</td><td>1 .. 64 characters</td></tr>
 * </table>
 *
 * <p>Derived, not configurable: the pool's background maintenance runs every
 * {@link #maintenanceInterval()} (a quarter of {@code idleTimeout}, between 10 ms and 30 s), so
 * a client idle above {@code minConnections} is closed at most a quarter of {@code idleTimeout}
 * late; the validating {@code GET /health} may take at most {@link #validationTimeout()}
 * (the smaller of {@code requestTimeout} and 5 s).
 */
public final class PhantomDBPoolConfig {

    /** The default {@link #minConnections()}. */
    public static final int DEFAULT_MIN_CONNECTIONS = 2;
    /** The default {@link #maxConnections()}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10;
    /** The default {@link #acquireTimeout()}. */
    public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(30);
    /** The default {@link #idleTimeout()}. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** The default {@link #validationBypassWindow()}. */
    public static final Duration DEFAULT_VALIDATION_BYPASS_WINDOW = Duration.ofMillis(500);

    private static final Duration MAX_MAINTENANCE_INTERVAL = Duration.ofSeconds(30);
    private static final Duration MIN_MAINTENANCE_INTERVAL = Duration.ofMillis(10);
    private static final Duration MAX_VALIDATION_TIMEOUT = Duration.ofSeconds(5);
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final String baseUrl;
    private final int minConnections;
    private final int maxConnections;
    private final Duration acquireTimeout;
    private final Duration idleTimeout;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration validationBypassWindow;
    private final Secret token;
    private final String name;
    private final List<PoolListener> listeners;

    private PhantomDBPoolConfig(Builder b, String baseUrl, Secret token, String name) {
        this.baseUrl = baseUrl;
        this.minConnections = b.minConnections;
        this.maxConnections = b.maxConnections;
        this.acquireTimeout = b.acquireTimeout;
        this.idleTimeout = b.idleTimeout;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.validationBypassWindow = b.validationBypassWindow;
        this.token = token;
        this.name = name;
        this.listeners = List.copyOf(b.listeners);
    }

    /** @return a builder with every option at its default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this configuration's values (the name included), to derive a variant */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.baseUrl = baseUrl;
        b.minConnections = minConnections;
        b.maxConnections = maxConnections;
        b.acquireTimeout = acquireTimeout;
        b.idleTimeout = idleTimeout;
        b.connectTimeout = connectTimeout;
        b.requestTimeout = requestTimeout;
        b.validationBypassWindow = validationBypassWindow;
        b.token = token == null ? null : token.reveal();
        b.name = name;
        b.listeners.addAll(listeners);
        return b;
    }

    /** @return the server's base URL, without a trailing slash */
    public String baseUrl() { return baseUrl; }
    /** @return clients created when the pool starts and kept even when idle */
    public int minConnections() { return minConnections; }
    /** @return the most clients the pool holds */
    public int maxConnections() { return maxConnections; }
    /** @return how long {@link PhantomDBPool#acquire()} waits for a client */
    public Duration acquireTimeout() { return acquireTimeout; }
    /** @return how long a client above {@code minConnections} may stay idle; zero means forever */
    public Duration idleTimeout() { return idleTimeout; }
    /** @return each client's longest wait for a connection to the server */
    public Duration connectTimeout() { return connectTimeout; }
    /** @return each client's longest wait for one request's answer */
    public Duration requestTimeout() { return requestTimeout; }
    /** @return a client used this recently is lent without the {@code GET /health} check; zero always checks */
    public Duration validationBypassWindow() { return validationBypassWindow; }
    /** @return whether a bearer token is configured (the token itself is never exposed) */
    public boolean hasToken() { return token != null; }
    /** @return the pool's name, used in messages, thread names and metrics */
    public String name() { return name; }
    /** @return the listeners that receive the pool engine's events */
    public List<PoolListener> listeners() { return listeners; }

    /** @return the period of the background maintenance that closes idle clients */
    public Duration maintenanceInterval() {
        if (idleTimeout.isZero()) {
            return MAX_MAINTENANCE_INTERVAL;
        }
        Duration quarter = idleTimeout.dividedBy(4);
        if (quarter.compareTo(MIN_MAINTENANCE_INTERVAL) < 0) {
            return MIN_MAINTENANCE_INTERVAL;
        }
        return quarter.compareTo(MAX_MAINTENANCE_INTERVAL) > 0 ? MAX_MAINTENANCE_INTERVAL : quarter;
    }

    /** @return the longest the validating {@code GET /health} may take */
    public Duration validationTimeout() {
        return requestTimeout.compareTo(MAX_VALIDATION_TIMEOUT) < 0 ? requestTimeout : MAX_VALIDATION_TIMEOUT;
    }

    /** The pool engine's configuration for these options. */
    PoolConfig toPoolConfig() {
        PoolConfig.Builder b = PoolConfig.builder()
                .name(name)
                .minSize(minConnections)
                .maxSize(maxConnections)
                .acquireTimeout(acquireTimeout)
                .idleTimeout(idleTimeout)
                .maintenanceInterval(maintenanceInterval())
                .validateOnAcquire(true)
                .validationTimeout(validationTimeout())
                .validationBypassWindow(validationBypassWindow);
        listeners.forEach(b::listener);
        return b.build();
    }

    /** How each pooled client connects. */
    TransportSettings transportSettings() {
        return new TransportSettings(baseUrl, connectTimeout, requestTimeout, token, name + "-http");
    }

    @Override
    public String toString() {
        return "PhantomDBPoolConfig{name=" + name + ", baseUrl=" + baseUrl + ", minConnections=" + minConnections
                + ", maxConnections=" + maxConnections + ", acquireTimeout=" + acquireTimeout
                + ", idleTimeout=" + idleTimeout + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", validationBypassWindow=" + validationBypassWindow
                + ", token=" + (token == null ? "none" : Secret.MASK) + '}';
    }

    /**
     * Collects the options of a {@link PhantomDBPoolConfig}. Not thread-safe; {@link #build()}
     * may be called more than once.
     */
    public static final class Builder {
        private String baseUrl = PhantomDB.DEFAULT_BASE_URL;
        private int minConnections = DEFAULT_MIN_CONNECTIONS;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration acquireTimeout = DEFAULT_ACQUIRE_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration connectTimeout = PhantomDB.DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = PhantomDB.DEFAULT_REQUEST_TIMEOUT;
        private Duration validationBypassWindow = DEFAULT_VALIDATION_BYPASS_WINDOW;
        private String token;
        private String name;
        private final List<PoolListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** @param v the server [http://localhost:8080] @return this */
        public Builder baseUrl(String v) { this.baseUrl = v; return this; }
        /** @param v clients created at start and kept when idle [2] @return this */
        public Builder minConnections(int v) { this.minConnections = v; return this; }
        /** @param v the most clients [10] @return this */
        public Builder maxConnections(int v) { this.maxConnections = v; return this; }
        /** @param v the longest wait in {@link PhantomDBPool#acquire()} [30 s] @return this */
        public Builder acquireTimeout(Duration v) { this.acquireTimeout = v; return this; }
        /** @param v idle time after which a client above the minimum is closed [60 s; zero = never] @return this */
        public Builder idleTimeout(Duration v) { this.idleTimeout = v; return this; }
        /** @param v each client's longest wait for a connection [10 s] @return this */
        public Builder connectTimeout(Duration v) { this.connectTimeout = v; return this; }
        /** @param v each client's longest wait for one answer [30 s] @return this */
        public Builder requestTimeout(Duration v) { this.requestTimeout = v; return this; }
        /** @param v lend a client used this recently without checking it [500 ms; zero = always check] @return this */
        public Builder validationBypassWindow(Duration v) { this.validationBypassWindow = v; return this; }
        /** @param v the server's bearer token [none] @return this */
        public Builder token(String v) { this.token = v; return this; }
        /** @param v the pool's name [phantomdb-N] @return this */
        public Builder name(String v) { this.name = v; return this; }
        /** @param v a listener for the pool engine's events (creation, validation failures, timeouts) @return this */
        public Builder listener(PoolListener v) {
            if (v == null) {
                throw new IllegalArgumentException("listener must not be null");
            }
            this.listeners.add(v);
            return this;
        }

        /**
         * Checks every option and freezes them.
         *
         * @return the immutable configuration
         * @throws IllegalArgumentException naming the first bad value and its allowed range
         */
        public PhantomDBPoolConfig build() {
            String url = Checks.baseUrl(baseUrl);
            if (maxConnections < 1 || maxConnections > PoolConfig.MAX_POOL_SIZE) {
                throw new IllegalArgumentException("maxConnections (" + maxConnections + ") must be between 1 and "
                        + PoolConfig.MAX_POOL_SIZE);
            }
            if (minConnections < 0) {
                throw new IllegalArgumentException("minConnections (" + minConnections
                        + ") must be between 0 and maxConnections (" + maxConnections + ")");
            }
            if (minConnections > maxConnections) {
                throw new IllegalArgumentException("minConnections (" + minConnections
                        + ") must not exceed maxConnections (" + maxConnections + ")");
            }
            Checks.positive("acquireTimeout", acquireTimeout);
            Checks.zeroOrPositive("idleTimeout", idleTimeout, "never close idle clients");
            Checks.positive("connectTimeout", connectTimeout);
            Checks.positive("requestTimeout", requestTimeout);
            Checks.zeroOrPositive("validationBypassWindow", validationBypassWindow, "always validate");
            Secret secret = Secret.ofNullable("token", token);
            String n = name;
            if (n == null) {
                n = "phantomdb-" + POOL_NUMBER.incrementAndGet();
            } else if (n.isBlank() || n.length() > 64) {
                throw new IllegalArgumentException("name ('" + n + "') must have 1 to 64 characters and not be blank");
            }
            return new PhantomDBPoolConfig(this, url, secret, n);
        }
    }
}
