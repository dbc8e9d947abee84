package dev.lagoon.phantomdb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoon.phantomdb.PhantomDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One PhantomDB "connection": a JDK {@link HttpClient} of its own (with its own keep-alive
 * connections and its own executor) and the code that turns a request into JSON or a
 * {@link PhantomDBException}. This is what a {@code PhantomDBPool} pools.
 *
 * <p>Thread-safe: any number of threads may call {@link #exchange} at once. {@link #close()}
 * is idempotent; a request started after it fails with a connection error.
 */
public final class HttpTransport {
    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    private static final AtomicLong IDS = new AtomicLong();
    private static final int MAX_TEXT_IN_MESSAGE = 300;
    /** {@code HttpClient.shutdownNow()} (JDK 21+), or {@code null} on older JDKs. */
    private static final Method SHUTDOWN_NOW = findShutdownNow();
    private static final String USER_AGENT = "lagoon-phantomdb";

    private final long id;
    private final TransportSettings settings;
    private final ExecutorService executor;
    private final HttpClient http;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set when a request failed to reach the server; such a transport is not reused by a pool. */
    private volatile boolean connectionFailed;

    /**
     * Builds the HTTP client. Opens no network connection: the first request does.
     *
     * @param settings where and how to connect
     */
    public HttpTransport(TransportSettings settings) {
        this.id = IDS.incrementAndGet();
        this.settings = settings;
        String prefix = settings.threadPrefix() + "-" + id + "-";
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, prefix + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.executor = pool;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(pool)
                .build();
    }

    /** @return the transport's number, unique in this JVM */
    public long id() {
        return id;
    }

    /** @return the base URL requests go to */
    public String baseUrl() {
        return settings.baseUrl();
    }

    /** @return whether a request through this transport failed to reach the server */
    public boolean connectionFailed() {
        return connectionFailed;
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Sends one request and returns the answer's JSON.
     *
     * @param method        the HTTP method
     * @param path          the path, already encoded, starting with {@code /}, with any query
     * @param body          the JSON body, or {@code null} for none
     * @param transactionId the {@code X-Transaction-Id} header's value, or {@code null}
     * @param timeout       the request timeout, or {@code null} for the configured one
     * @return the body of a 2xx answer (an empty object when the body is empty)
     * @throws PhantomDBException for every failure (connection, HTTP status, non-JSON answer,
     *                            interruption)
     */
    public JsonNode exchange(String method, String path, JsonNode body, String transactionId, Duration timeout) {
        String what = method + " " + withoutQuery(path);
        if (closed.get()) {
            throw PhantomDBException.connectionError("Cannot send " + what + ": the client's HTTP transport is closed", null);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + path))
                .timeout(timeout == null ? settings.requestTimeout() : timeout)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        if (settings.token() != null) {
            request.header("Authorization", "Bearer " + settings.token().reveal());
        }
        if (transactionId != null) {
            request.header("X-Transaction-Id", transactionId);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.write(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PhantomDBException.interrupted("Interrupted while waiting for PhantomDB at "
                    + settings.baseUrl() + " to answer " + what, e);
        } catch (IOException e) {
            connectionFailed = true;
            throw connectionError(what, e, timeout == null ? settings.requestTimeout() : timeout);
        } catch (RuntimeException e) {
            if (closed.get()) {
                connectionFailed = true;
                throw PhantomDBException.connectionError("Cannot send " + what
                        + ": the client's HTTP transport was closed", e);
            }
            throw e;
        }
        return answer(what, response);
    }

    private PhantomDBException connectionError(String what, IOException e, Duration timeout) {
        String server = "PhantomDB at " + settings.baseUrl();
        if (e instanceof HttpConnectTimeoutException) {
            return PhantomDBException.connectionError("Cannot connect to " + server + " for " + what
                    + ": no connection within the connect timeout of " + settings.connectTimeout().toMillis() + " ms", e);
        }
        if (e instanceof HttpTimeoutException) {
            return PhantomDBException.connectionError(server + " did not answer " + what
                    + " within the request timeout of " + timeout.toMillis() + " ms", e);
        }
        if (e instanceof ConnectException) {
            return PhantomDBException.connectionError("Cannot connect to " + server + " for " + what
                    + ": " + describe(e), e);
        }
        return PhantomDBException.connectionError("Connection to " + server + " failed during " + what
                + ": " + describe(e), e);
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
            t = t.getCause();
        }
        return e.getClass().getSimpleName();
    }

    private JsonNode answer(String what, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        byte[] bytes = response.body() == null ? new byte[0] : response.body();
        if (status < 200 || status > 299) {
            throw httpError(what, status, bytes);
        }
        if (isBlank(bytes)) {
            return Json.object();
        }
        try {
            return Json.parse(bytes);
        } catch (IOException e) {
            throw PhantomDBException.protocolError("PhantomDB at " + settings.baseUrl() + " answered " + what
                    + " with " + status + " and a body that is not JSON: " + snippet(bytes), e);
        }
    }

    private PhantomDBException httpError(String what, int status, byte[] bytes) {
        String serverMessage = null;
        String code = null;
        if (!isBlank(bytes)) {
            try {
                JsonNode node = Json.parse(bytes);
                if (node.isObject()) {
                    serverMessage = text(node.get("error"));
                    if (serverMessage == null) {
                        serverMessage = text(node.get("message"));
                    }
                    code = text(node.get("code"));
                }
                if (serverMessage == null) {
                    serverMessage = snippet(bytes);
                }
            } catch (IOException notJson) {
                serverMessage = snippet(bytes);
            }
        }
        StringBuilder message = new StringBuilder("PhantomDB at ").append(settings.baseUrl())
                .append(" answered ").append(what).append(" with HTTP ").append(status);
        if (serverMessage != null) {
            message.append(": ").append(serverMessage);
        }
        if (code != null) {
            message.append(" (").append(code).append(')');
        }
        return PhantomDBException.httpError(status, serverMessage, code, message.toString());
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String s = node.asText();
        return s.isBlank() ? null : s;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String snippet(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8).strip();
        return s.length() <= MAX_TEXT_IN_MESSAGE ? s : s.substring(0, MAX_TEXT_IN_MESSAGE) + "...";
    }

    private static String withoutQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /**
     * Asks {@code GET /health} whether the server is up.
     *
     * @param timeout the longest wait for the answer
     * @throws PhantomDBException unless the answer is 2xx with {@code "status": "healthy"}
     */
    public void checkHealth(Duration timeout) {
        JsonNode health = exchange("GET", "/health", null, null, timeout);
        JsonNode status = health.get("status");
        if (status == null || !"healthy".equalsIgnoreCase(status.asText())) {
            throw PhantomDBException.protocolError("PhantomDB at " + settings.baseUrl()
                    + " does not report itself healthy: " + health, null);
        }
    }

    /**
     * Like {@link #checkHealth} but answering instead of throwing, for the pool's validation.
     *
     * @param timeout the longest wait for the answer
     * @return {@code true} only for a 2xx answer whose {@code status} is {@code "healthy"}
     */
    public boolean isHealthy(Duration timeout) {
        try {
            checkHealth(timeout);
            return true;
        } catch (PhantomDBException e) {
            LOG.debug("Health check of transport {} failed: {}", id, e.getMessage());
            return false;
        }
    }

    /**
     * Releases the HTTP client's resources: on JDK 21+ {@code HttpClient.shutdownNow()} closes
     * its connections and selector thread at once; on every JDK the executor is shut down. On
     * JDK 17 the selector thread ends when the client is garbage-collected. Idempotent.
     */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (SHUTDOWN_NOW != null) {
            try {
                SHUTDOWN_NOW.invoke(http);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                LOG.warn("Closing the HTTP client of transport {} failed", id, e);
            }
        }
        executor.shutdownNow();
    }

    private static Method findShutdownNow() {
        try {
            return HttpClient.class.getMethod("shutdownNow");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "HttpTransport#" + id + "{" + settings.baseUrl() + (closed.get() ? ", closed" : "") + '}';
    }
}
