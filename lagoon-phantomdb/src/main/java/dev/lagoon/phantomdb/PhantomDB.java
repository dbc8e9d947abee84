package dev.lagoon.phantomdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoon.phantomdb.internal.Binding;
import dev.lagoon.phantomdb.internal.Checks;
import dev.lagoon.phantomdb.internal.HttpTransport;
import dev.lagoon.phantomdb.internal.Json;
import dev.lagoon.phantomdb.internal.OwnedBinding;
import dev.lagoon.phantomdb.internal.Paths;
import dev.lagoon.phantomdb.internal.Secret;
import dev.lagoon.phantomdb.internal.TransportSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A client for the PhantomDB REST API: one method per operation of the contract, named as the
 * Python client's methods in camelCase.
 *
 * <p>Get one of its own with {@link #connect(String)} or {@link #builder()}, or borrow one from a
 * {@link PhantomDBPool}. Either way, {@link #close()} ends it: a client of its own closes its
 * HTTP client, a pooled one goes back to its pool. After that every call throws
 * {@link IllegalStateException}.
 *
 * <pre>{@code
 * try (PhantomDB db = PhantomDB.connect("http://localhost:8080")) {
 *     db.createDatabase("shop");
 *     db.createTable("shop", "items", List.of(Column.of("id", "int"), Column.of("name", "string")));
 *     db.insert("shop", "items", Map.of("id", 1, "name", "tea"));
 *     db.update("shop", "items", Map.of("name", "green tea"), "id = 1");
 *     List<Map<String, Object>> rows = db.select("shop", "items", "name LIKE 'green%'");
 * }
 * }</pre>
 *
 * <h2>Requests</h2>
 * Names become single percent-encoded path segments and conditions percent-encoded query values,
 * so no name or condition can reach another resource. Every request has the configured request
 * timeout; connecting has the connect timeout.
 *
 * <h2>Values</h2>
 * Values sent may be {@code null}, {@link String}, {@link Number}, {@link Boolean},
 * {@code java.time} values (sent as ISO-8601 text), {@link java.util.UUID}, enums (their name),
 * {@link Map}s and {@link List}s of those; anything else is rejected with
 * {@link IllegalArgumentException} before a request is made. Values received are {@link String},
 * {@link Long} (every JSON integer that fits), {@link Double}, {@link Boolean}, {@code null}, or
 * lists and maps of those; row maps keep the server's column order and are unmodifiable.
 *
 * <h2>Errors</h2>
 * Every failure is a {@link PhantomDBException}: {@linkplain PhantomDBException#isConnectionError()
 * a connection error} when the server cannot be reached or does not answer in time,
 * {@linkplain PhantomDBException#isHttpError() an HTTP error} carrying the status and the server's
 * {@code "error"} and {@code "code"} otherwise.
 *
 * <h2>Transactions</h2>
 * {@link #beginTransaction()} returns an id; {@link #inTransaction(String)} returns a view of this
 * client whose requests carry {@code X-Transaction-Id}, so the server runs them inside that
 * transaction; {@link #transaction(Function)} does all of it around a function.
 *
 * <p>Thread-safe: a client may be shared between threads (a pooled one is meant for its
 * borrower, though).
 */
public final class PhantomDB implements AutoCloseable {

    /** The base URL the seeds' clients default to. */
    public static final String DEFAULT_BASE_URL = "http://localhost:8080";
    /** The default longest wait for a TCP connection to the server. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The default longest wait for the server's whole answer to one request. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Binding binding;
    private final String transactionId;

    PhantomDB(Binding binding, String transactionId) {
        this.binding = binding;
        this.transactionId = transactionId;
    }

    /**
     * A client of its own for {@value #DEFAULT_BASE_URL}, with the default timeouts.
     *
     * @return the client; close it when done
     */
    public static PhantomDB connect() {
        return builder().build();
    }

    /**
     * A client of its own, with the default timeouts. Opens no connection yet.
     *
     * @param baseUrl the server, such as {@code http://localhost:8080}
     * @return the client; close it when done
     * @throws IllegalArgumentException if the URL is not an http(s) URL with a host
     */
    public static PhantomDB connect(String baseUrl) {
        return builder().baseUrl(baseUrl).build();
    }

    /** @return a builder for a client of its own */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- server

    /**
     * {@code GET /health}.
     *
     * @return the server's answer, such as {@code {status=healthy}}
     * @throws PhantomDBException an HTTP error with status 503 when the server is up but its
     *                            backend is not
     */
    public Map<String, Object> healthCheck() {
        return Json.toMap(send("GET", "/health", null, false));
    }

    // ---------------------------------------------------------------- databases

    /**
     * {@code GET /databases}.
     *
     * @return the names of the databases
     */
    public List<String> listDatabases() {
        return strings(send("GET", "/databases", null, true), "databases", "GET /databases");
    }

    /**
     * {@code POST /databases}.
     *
     * @param database the new database's name
     * @return the server's answer, such as {@code {message=Database created}}
     * @throws PhantomDBException an HTTP error with status 409 if it exists
     */
    public Map<String, Object> createDatabase(String database) {
        ObjectNode body = Json.object().put("name", name("database", database));
        return Json.toMap(send("POST", "/databases", body, true));
    }

    /**
     * {@code DELETE /databases/{database}}.
     *
     * @param database the database to drop, with its tables
     * @return the server's answer
     * @throws PhantomDBException an HTTP error with status 404 if it does not exist
     */
    public Map<String, Object> dropDatabase(String database) {
        return Json.toMap(send("DELETE", db(database), null, true));
    }

    // ---------------------------------------------------------------- tables

    /**
     * {@code GET /databases/{database}/tables}.
     *
     * @param database the database
     * @return the names of its tables
     */
    public List<String> listTables(String database) {
        String path = db(database) + "/tables";
        return strings(send("GET", path, null, true), "tables", "GET " + path);
    }

    /**
     * {@code POST /databases/{database}/tables}.
     *
     * @param database the database
     * @param table    the new table's name
     * @param columns  its columns, in order
     * @return the server's answer
     */
    public Map<String, Object> createTable(String database, String table, List<Column> columns) {
        if (columns == null) {
            throw new IllegalArgumentException("columns must not be null");
        }
        ArrayNode cols = Json.object().arrayNode();
        for (Column c : columns) {
            if (c == null) {
                throw new IllegalArgumentException("columns of table '" + table + "' must not contain null");
            }
            cols.add(Json.object().put("name", c.name()).put("type", c.type()));
        }
        ObjectNode body = Json.object().put("name", name("table", table));
        body.set("columns", cols);
        return Json.toMap(send("POST", db(database) + "/tables", body, true));
    }

    /**
     * {@code DELETE /databases/{database}/tables/{table}}, without a condition.
     *
     * @param database the database
     * @param table    the table to drop
     * @return the server's answer
     */
    public Map<String, Object> dropTable(String database, String table) {
        return Json.toMap(send("DELETE", table(database, table), null, true));
    }

    // ---------------------------------------------------------------- rows

    /**
     * {@code POST /databases/{database}/tables/{table}} with the row as a flat JSON object.
     *
     * @param database the database
     * @param table    the table
     * @param row      column name to value
     * @return how many rows were inserted (the server's {@code inserted})
     */
    public long insert(String database, String table, Map<String, ?> row) {
        if (row == null) {
            throw new IllegalArgumentException("row must not be null");
        }
        String path = table(database, table);
        ObjectNode body = Json.toJsonObject("row", row);
        return count(send("POST", path, body, true), "inserted", "POST " + path);
    }

    /**
     * {@code GET /databases/{database}/tables/{table}}: every row.
     *
     * @param database the database
     * @param table    the table
     * @return the rows, each a map from column name to value in column order
     */
    public List<Map<String, Object>> select(String database, String table) {
        return select(database, table, null);
    }

    /**
     * {@code GET /databases/{database}/tables/{table}?condition=...}.
     *
     * @param database  the database
     * @param table     the table
     * @param condition a condition such as {@code "age >= 18 AND name LIKE 'A%'"}; {@code null}
     *                  or blank selects every row
     * @return the matching rows, each a map from column name to value in column order
     */
    public List<Map<String, Object>> select(String database, String table, String condition) {
        String path = table(database, table);
        String query = isBlank(condition) ? "" : "?condition=" + Paths.queryValue(condition);
        return rows(send("GET", path + query, null, true), "records", "GET " + path);
    }

    /**
     * {@code PUT /databases/{database}/tables/{table}} with {@code {"data": ..., "condition": ...}}.
     *
     * @param database  the database
     * @param table     the table
     * @param data      column name to new value
     * @param condition which rows to change; {@code null} or blank changes every row (the
     *                  request then has no {@code condition}, as the Python client sends it)
     * @return how many rows changed (the server's {@code updated})
     */
    public long update(String database, String table, Map<String, ?> data, String condition) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        String path = table(database, table);
        ObjectNode body = Json.object();
        body.set("data", Json.toJsonObject("data", data));
        if (!isBlank(condition)) {
            body.put("condition", condition);
        }
        return count(send("PUT", path, body, true), "updated", "PUT " + path);
    }

    /**
     * {@code DELETE /databases/{database}/tables/{table}?condition=...}.
     *
     * <p>The condition is required: the same request without one drops the table (that is what
     * {@link #dropTable} sends). To delete every row and keep the table, pass {@code "true"}.
     *
     * @param database  the database
     * @param table     the table
     * @param condition which rows to delete
     * @return how many rows were deleted (the server's {@code deleted})
     * @throws IllegalArgumentException if the condition is null or blank
     */
    public long delete(String database, String table, String condition) {
        if (isBlank(condition)) {
            throw new IllegalArgumentException("delete needs a condition: without one the request would drop table '"
                    + table + "'; pass \"true\" to delete every row, or call dropTable to drop the table");
        }
        String path = table(database, table);
        return count(send("DELETE", path + "?condition=" + Paths.queryValue(condition), null, true),
                "deleted", "DELETE " + path);
    }

    /**
     * {@code POST /databases/{database}/query} with {@code {"query": sql}}.
     *
     * @param database the database whose schema the statement runs in
     * @param sql      one SQL statement
     * @return its columns, rows and counts
     */
    public QueryResult executeQuery(String database, String sql) {
        if (isBlank(sql)) {
            throw new IllegalArgumentException("sql must not be null or blank");
        }
        String path = db(database) + "/query";
        String what = "POST " + path;
        JsonNode answer = send("POST", path, Json.object().put("query", sql), true);
        return new QueryResult(strings(answer, "columns", what), rows(answer, "records", what),
                count(answer, "row_count", what), count(answer, "affected_rows", what));
    }

    // ---------------------------------------------------------------- transactions

    /**
     * {@code POST /transactions}.
     *
     * @return the new transaction's id, for {@link #inTransaction}, {@link #commitTransaction}
     *         and {@link #rollbackTransaction}
     */
    public String beginTransaction() {
        JsonNode answer = send("POST", "/transactions", null, false);
        JsonNode id = answer.get("transaction_id");
        if (id == null || !id.isValueNode() || id.isNull() || id.asText().isBlank()) {
            throw PhantomDBException.protocolError("PhantomDB at " + baseUrl()
                    + " answered POST /transactions without a transaction_id: " + answer, null);
        }
        return id.asText();
    }

    /**
     * {@code POST /transactions/{id}/commit}.
     *
     * @param transactionId the id {@link #beginTransaction()} returned
     * @return the server's answer
     * @throws PhantomDBException an HTTP error with status 404 for an unknown or expired id
     */
    public Map<String, Object> commitTransaction(String transactionId) {
        return Json.toMap(send("POST", "/transactions/" + Paths.segment("transaction", transactionId) + "/commit",
                null, false));
    }

    /**
     * {@code POST /transactions/{id}/rollback}.
     *
     * @param transactionId the id {@link #beginTransaction()} returned
     * @return the server's answer
     * @throws PhantomDBException an HTTP error with status 404 for an unknown or expired id
     */
    public Map<String, Object> rollbackTransaction(String transactionId) {
        return Json.toMap(send("POST", "/transactions/" + Paths.segment("transaction", transactionId) + "/rollback",
                null, false));
    }

    /**
     * A view of this client whose data requests (everything but {@link #healthCheck()} and the
     * begin, commit and rollback calls) carry the header {@code X-Transaction-Id: id}, so the
     * server runs them inside that transaction.
     *
     * <p>The view shares this client's connection: it stops working when this client is closed
     * or released, and its own {@link #close()} does nothing.
     *
     * @param transactionId the id {@link #beginTransaction()} returned
     * @return the view
     * @throws IllegalArgumentException if the id is null, blank or holds a line break
     */
    public PhantomDB inTransaction(String transactionId) {
        if (isBlank(transactionId) || transactionId.indexOf('\r') >= 0 || transactionId.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("transaction id must not be null, blank or contain line breaks");
        }
        return new PhantomDB(binding, transactionId);
    }

    /**
     * Runs {@code work} inside a new transaction: begins it, hands {@code work} a view of this
     * client {@linkplain #inTransaction(String) in the transaction}, commits if {@code work}
     * returns, and rolls back if it throws (a failing rollback is added to the original
     * exception as suppressed).
     *
     * @param work what to do in the transaction
     * @param <T>  what it returns
     * @return what {@code work} returned
     * @throws PhantomDBException if beginning or committing fails (after a failed commit the
     *                            server has not applied the work)
     */
    public <T> T transaction(Function<PhantomDB, T> work) {
        if (work == null) {
            throw new IllegalArgumentException("work must not be null");
        }
        String id = beginTransaction();
        T result;
        try {
            result = work.apply(inTransaction(id));
        } catch (RuntimeException | Error e) {
            try {
                rollbackTransaction(id);
            } catch (RuntimeException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        commitTransaction(id);
        return result;
    }

    // ---------------------------------------------------------------- lifecycle

    /** @return the server's base URL, without a trailing slash */
    public String baseUrl() {
        return binding.baseUrl();
    }

    /** @return the transaction this view's requests join, or empty for a plain client */
    public Optional<String> transactionId() {
        return Optional.ofNullable(transactionId);
    }

    /** @return whether this client (or the client this view belongs to) was closed or released */
    public boolean isClosed() {
        return binding.isClosed();
    }

    /**
     * Ends this client: a client of its own closes its HTTP client; a pooled client goes back
     * to its pool (like {@link PhantomDBPool#release}). A second call does nothing, and so does
     * closing a {@linkplain #inTransaction(String) transaction view}.
     */
    @Override
    public void close() {
        if (transactionId == null) {
            binding.close();
        }
    }

    Binding binding() {
        return binding;
    }

    @Override
    public String toString() {
        return "PhantomDB{" + binding.baseUrl() + ", " + binding.describe()
                + (transactionId == null ? "" : ", transaction " + transactionId)
                + (binding.isClosed() ? ", closed" : "") + '}';
    }

    // ---------------------------------------------------------------- plumbing

    private JsonNode send(String method, String path, JsonNode body, boolean joinsTransaction) {
        HttpTransport transport = binding.transport();
        JsonNode answer = transport.exchange(method, path, body, joinsTransaction ? transactionId : null, null);
        if (!answer.isObject()) {
            throw PhantomDBException.protocolError("PhantomDB at " + baseUrl() + " answered " + method + " "
                    + stripQuery(path) + " with JSON that is not an object: " + abbreviate(answer.toString()), null);
        }
        return answer;
    }

    private static String db(String database) {
        return "/databases/" + Paths.segment("database", database);
    }

    private static String table(String database, String table) {
        return db(database) + "/tables/" + Paths.segment("table", table);
    }

    private static String name(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " name must not be null or empty");
        }
        return value;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private List<String> strings(JsonNode answer, String field, String what) {
        JsonNode array = answer.get(field);
        if (array == null || !array.isArray()) {
            throw missing(field, "a list", what, answer);
        }
        List<String> out = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            if (!element.isValueNode() || element.isNull()) {
                throw missing(field, "a list of names", what, answer);
            }
            out.add(element.asText());
        }
        return Collections.unmodifiableList(out);
    }

    private List<Map<String, Object>> rows(JsonNode answer, String field, String what) {
        JsonNode array = answer.get(field);
        if (array == null || !array.isArray()) {
            throw missing(field, "a list of rows", what, answer);
        }
        List<Map<String, Object>> out = new ArrayList<>(array.size());
        for (JsonNode row : array) {
            if (!row.isObject()) {
                throw missing(field, "a list of row objects", what, answer);
            }
            out.add(Json.toMap(row));
        }
        return Collections.unmodifiableList(out);
    }

    private long count(JsonNode answer, String field, String what) {
        JsonNode n = answer.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw missing(field, "a whole number", what, answer);
        }
        return n.longValue();
    }

    private PhantomDBException missing(String field, String expected, String what, JsonNode answer) {
        return PhantomDBException.protocolError("PhantomDB at " + baseUrl() + " answered " + what + " without "
                + expected + " in '" + field + "': " + abbreviate(answer.toString()), null);
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    private static String stripQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /**
     * Builds a client of its own. Not thread-safe.
     */
    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private String token;

        private Builder() {
        }

        /** @param v the server [{@value PhantomDB#DEFAULT_BASE_URL}] @return this */
        public Builder baseUrl(String v) { this.baseUrl = v; return this; }
        /** @param v the longest wait for a connection [10 s] @return this */
        public Builder connectTimeout(Duration v) { this.connectTimeout = v; return this; }
        /** @param v the longest wait for one request's answer [30 s] @return this */
        public Builder requestTimeout(Duration v) { this.requestTimeout = v; return this; }
        /** @param v the server's bearer token, sent as {@code Authorization: Bearer} [none] @return this */
        public Builder token(String v) { this.token = v; return this; }

        /**
         * Checks the options and makes the client. Opens no connection yet.
         *
         * @return the client; close it when done
         * @throws IllegalArgumentException naming the bad value and the allowed range
         */
        public PhantomDB build() {
            TransportSettings settings = new TransportSettings(Checks.baseUrl(baseUrl),
                    Checks.positive("connectTimeout", connectTimeout),
                    Checks.positive("requestTimeout", requestTimeout),
                    Secret.ofNullable("token", token), "phantomdb-http");
            return new PhantomDB(new OwnedBinding(new HttpTransport(settings)), null);
        }
    }
}
