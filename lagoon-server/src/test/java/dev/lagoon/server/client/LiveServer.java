package dev.lagoon.server.client;

import dev.lagoon.server.PhantomServer;

import java.net.URI;

/**
 * A real lagoon-server started in-process on loopback, which can be stopped and started again on
 * the same port and backend (to test what clients do when their server goes away and returns).
 */
final class LiveServer implements AutoCloseable {
    private final String jdbcUrl;
    private PhantomServer server;
    private int port;
    private String baseUrl;

    private LiveServer(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** Starts a server on a fresh database of {@code backend}, on any free port. */
    static LiveServer start(ServerBackend backend) {
        LiveServer s = new LiveServer(backend.newJdbcUrl());
        s.startOn(0);
        return s;
    }

    private void startOn(int p) {
        server = PhantomServer.start(ServerBackend.options(jdbcUrl, p));
        baseUrl = server.baseUrl();
        port = URI.create(baseUrl).getPort();
    }

    String baseUrl() {
        return baseUrl;
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    boolean isRunning() {
        return server != null;
    }

    /** Stops the server; its port stops answering. */
    void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts the server again on the same port and backend. */
    void restart() {
        if (server != null) {
            throw new IllegalStateException("the server is running");
        }
        int wanted = port;
        startOn(wanted);
        if (port != wanted) {
            throw new IllegalStateException("restarted on " + baseUrl + ", not on port " + wanted);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
