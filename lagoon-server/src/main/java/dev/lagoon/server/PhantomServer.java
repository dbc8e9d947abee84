package dev.lagoon.server;

import dev.lagoon.server.internal.ServerRuntime;

import java.util.Objects;

/**
 * A PhantomDB REST server over a pooled SQL backend (H2, PostgreSQL or MariaDB), implementing
 * the contract the PhantomDB clients speak: databases, tables, rows, conditions, raw queries
 * and transactions, plus {@code /health}, {@code /stats} and {@code /metrics}.
 *
 * <pre>{@code
 * try (PhantomServer server = PhantomServer.start(ServerOptions.builder().port(0).build())) {
 *     System.out.println(server.baseUrl());   // http://127.0.0.1:54321
 * }
 * }</pre>
 *
 * <p>{@link #close()} is graceful: new requests are refused with 503, requests in flight
 * finish (up to {@link ServerOptions#drainTimeout()}), open transactions are rolled back, and
 * the backend pool is closed. It is idempotent and thread-safe.
 */
public final class PhantomServer implements AutoCloseable {

    private final ServerRuntime runtime;
    private final ServerOptions options;

    private PhantomServer(ServerRuntime runtime, ServerOptions options) {
        this.runtime = runtime;
        this.options = options;
    }

    /**
     * Starts a server and returns once it is listening.
     *
     * @param options the validated options
     * @return the running server
     * @throws IllegalStateException when it cannot start, e.g. the port is taken
     */
    public static PhantomServer start(ServerOptions options) {
        Objects.requireNonNull(options, "options");
        return new PhantomServer(ServerRuntime.start(options), options);
    }

    /** @return the port the server listens on (the picked one when started with port 0) */
    public int port() {
        return runtime.port();
    }

    /** @return the URL clients use, e.g. {@code http://127.0.0.1:8080} */
    public String baseUrl() {
        return runtime.baseUrl();
    }

    /** @return the options the server was started with */
    public ServerOptions options() {
        return options;
    }

    /** @return the backend's product name: H2, PostgreSQL or MariaDB */
    public String backendName() {
        return runtime.backendName();
    }

    /** @return whether requests are handled on virtual threads (JDK 21 and later) */
    public boolean usesVirtualThreads() {
        return runtime.virtualThreads();
    }

    /** @return the server version */
    public String version() {
        return runtime.version();
    }

    /** @return the backend pool in a few words (used, open, max), for the demo's progress line */
    String poolSummary() {
        return runtime.poolSummary();
    }

    /** Shuts down gracefully; see the class description. */
    @Override
    public void close() {
        runtime.close();
    }
}
