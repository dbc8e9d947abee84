package dev.lagoon.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A real server started in-process on a free loopback port, with a small HTTP client for the
 * tests. Each instance gets its own in-memory H2 database unless the options say otherwise.
 */
final class TestServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final PhantomServer server;
    final String jdbcUrl;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TestServer(PhantomServer server, String jdbcUrl) {
        this.server = server;
        this.jdbcUrl = jdbcUrl;
    }

    /** @return a fresh in-memory H2 URL */
    static String freshH2() {
        return "jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
    }

    /** @return a server on a fresh in-memory H2 database with default options */
    static TestServer start() {
        return start(b -> b);
    }

    /**
     * @param custom changes to the options (port 0 and a fresh H2 database are preset)
     * @return the running server
     */
    static TestServer start(UnaryOperator<ServerOptions.Builder> custom) {
        ServerOptions options = custom.apply(ServerOptions.builder().port(0).jdbcUrl(freshH2())).build();
        return new TestServer(PhantomServer.start(options), options.jdbcUrl());
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** An answer. */
    record Response(int status, String text, JsonNode json, HttpHeaders headers) {
        String error() {
            return json.path("error").asText();
        }

        String code() {
            return json.path("code").asText();
        }
    }

    Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Response post(String path, String body, String... headers) {
        return send("POST", path, body, headers);
    }

    Response put(String path, String body, String... headers) {
        return send("PUT", path, body, headers);
    }

    Response delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    Response send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), parse(response.body()), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String text) {
        try {
            return text == null || text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }

    /** @return the text URL-encoded for a query string */
    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** @return the object as JSON text */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends bytes exactly as given over a new socket and reads the whole answer (the request
     * should say {@code Connection: close}).
     *
     * @param raw the request bytes
     * @return status line, headers and body as text
     */
    String raw(String raw) {
        return raw(raw.getBytes(StandardCharsets.UTF_8));
    }

    String raw(byte[] raw) {
        URI uri = URI.create(baseUrl());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(raw);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the status code of a raw answer */
    static int rawStatus(String answer) {
        return Integer.parseInt(answer.substring(9, 12));
    }

    /** @return the body of a raw answer parsed as JSON */
    static JsonNode rawJson(String answer) {
        int split = answer.indexOf("\r\n\r\n");
        return parse(answer.substring(split + 4));
    }

    // ------------------------------------------------------------------ fixtures

    /** Creates a database and returns its name. */
    String createDatabase(String name) {
        Response r = post("/databases", json(Map.of("name", name)));
        if (r.status() != 201) {
            throw new IllegalStateException("could not create database " + name + ": " + r.text());
        }
        return name;
    }

    /** Creates a table from name/type pairs. */
    void createTable(String db, String table, String... nameTypePairs) {
        List<Map<String, String>> columns = new ArrayList<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            columns.add(Map.of("name", nameTypePairs[i], "type", nameTypePairs[i + 1]));
        }
        Response r = post("/databases/" + db + "/tables", json(Map.of("name", table, "columns", columns)));
        if (r.status() != 201) {
            throw new IllegalStateException("could not create table " + table + ": " + r.text());
        }
    }

    /** Inserts a row. */
    void insert(String db, String table, Map<String, ?> row) {
        Response r = post("/databases/" + db + "/tables/" + table, json(row));
        if (r.status() != 201) {
            throw new IllegalStateException("could not insert " + row + ": " + r.text());
        }
    }

    /** @return every row of a table */
    JsonNode rows(String db, String table) {
        Response r = get("/databases/" + db + "/tables/" + table);
        if (r.status() != 200) {
            throw new IllegalStateException("could not select from " + table + ": " + r.text());
        }
        return r.json().get("records");
    }

    /**
     * @return every database, table and row the API shows, as one comparable text (to prove a
     *         refused request changed nothing)
     */
    String snapshot() {
        Map<String, Object> all = new TreeMap<>();
        for (JsonNode db : get("/databases").json().get("databases")) {
            Map<String, Object> tables = new TreeMap<>();
            for (JsonNode t : get("/databases/" + db.asText() + "/tables").json().get("tables")) {
                tables.put(t.asText(), rows(db.asText(), t.asText()).toString());
            }
            all.put(db.asText(), tables);
        }
        return json(all);
    }

    @Override
    public void close() {
        server.close();
    }
}
