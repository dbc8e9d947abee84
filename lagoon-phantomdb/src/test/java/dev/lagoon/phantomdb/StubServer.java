package dev.lagoon.phantomdb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A tiny scriptable HTTP server on loopback (com.sun.net.httpserver), for the client's error
 * paths and request shapes. It records every request and answers with the current handler;
 * {@code GET /health} answers healthy unless the handler says otherwise.
 */
final class StubServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Request(String method, String rawPath, String rawQuery, String decodedQuery,
                   Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    /** What to answer. */
    record Reply(int status, String contentType, String body) {
        static Reply json(int status, String body) {
            return new Reply(status, "application/json", body);
        }

        static Reply text(int status, String body) {
            return new Reply(status, "text/plain", body);
        }
    }

    /** Answers one request; may block (each request has its own thread). */
    interface Handler {
        Reply handle(Request request) throws Exception;
    }

    static final Handler HEALTHY = r -> Reply.json(200, "{\"status\":\"healthy\"}");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stub-server");
        t.setDaemon(true);
        return t;
    });
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private volatile Handler handler = r -> Reply.json(404, "{\"error\":\"no route\",\"code\":\"NOT_FOUND\"}");
    private volatile Handler health = HEALTHY;

    private StubServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    static StubServer start() throws IOException {
        return new StubServer(0);
    }

    static StubServer start(int port) throws IOException {
        return new StubServer(port);
    }

    /** @return a loopback port that nothing listens on (it was free a moment ago) */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Sets the answer to every request but {@code GET /health}. */
    StubServer answer(Handler h) {
        this.handler = h;
        return this;
    }

    /** Sets the answer to {@code GET /health}. */
    StubServer health(Handler h) {
        this.health = h;
        return this;
    }

    /** @return the next recorded request, waiting at most 5 s */
    Request take() throws InterruptedException {
        Request r = requests.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("the stub server received no request within 5 s");
        }
        return r;
    }

    /** @return the next recorded request other than {@code GET /health}, waiting at most 5 s each */
    Request takeData() throws InterruptedException {
        for (;;) {
            Request r = take();
            if (!r.rawPath().equals("/health")) {
                return r;
            }
        }
    }

    /** @return the recorded requests not taken yet */
    List<Request> pending() {
        return List.copyOf(requests);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestURI().getQuery(), headers, body);
            requests.add(request);
            Reply reply;
            try {
                Handler h = request.method().equals("GET") && request.rawPath().equals("/health") ? health : handler;
                reply = h.handle(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                reply = Reply.text(599, "stub handler failed: " + e);
            }
            byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            if (reply.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            }
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
