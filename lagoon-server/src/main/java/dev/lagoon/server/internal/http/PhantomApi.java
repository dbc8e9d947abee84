package dev.lagoon.server.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoon.server.internal.ApiException;
import dev.lagoon.server.internal.ErrorCode;
import dev.lagoon.server.internal.backend.Backend;
import dev.lagoon.server.internal.sql.ColumnType;
import dev.lagoon.server.internal.sql.DataService;
import dev.lagoon.server.internal.sql.SqlErrors;
import dev.lagoon.server.internal.tx.TransactionRegistry;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The PhantomDB REST contract: one handler per operation, each turning a request into calls
 * on {@link DataService} with a backend connection (the request's own, or its transaction's),
 * and the result into the contract's JSON. Errors are {@link ApiException}s turned into
 * {@code {"error", "code"}} answers by the exception mappers registered in {@link #install}.
 */
public final class PhantomApi {

    private static final Logger LOG = LoggerFactory.getLogger(PhantomApi.class);
    /** The header a request joins a transaction with. */
    public static final String TRANSACTION_HEADER = "X-Transaction-Id";
    private static final String JSON = "application/json";

    /** Everything the handlers need. */
    public record Settings(int maxBodyBytes, String token, String version, String backendName) {
    }

    private final DataService data;
    private final Backend backend;
    private final TransactionRegistry transactions;
    private final RequestStats stats;
    private final Settings settings;
    private final UnaryOperator<String> mask;
    private final BooleanSupplier closing;
    private final Supplier<Map<String, Object>> statsReport;
    private final Supplier<String> metricsReport;

    /**
     * @param data          the operations
     * @param backend       the backend pool
     * @param transactions  the open transactions
     * @param stats         the request counters
     * @param settings      limits and identity
     * @param mask          hides secrets in backend messages
     * @param closing       whether the server is shutting down
     * @param statsReport   builds the {@code /stats} body
     * @param metricsReport builds the {@code /metrics} body
     */
    public PhantomApi(DataService data, Backend backend, TransactionRegistry transactions, RequestStats stats,
                      Settings settings, UnaryOperator<String> mask, BooleanSupplier closing,
                      Supplier<Map<String, Object>> statsReport, Supplier<String> metricsReport) {
        this.data = data;
        this.backend = backend;
        this.transactions = transactions;
        this.stats = stats;
        this.settings = settings;
        this.mask = mask;
        this.closing = closing;
        this.statsReport = statsReport;
        this.metricsReport = metricsReport;
    }

    /**
     * Registers the routes, the gate (shutdown, auth) and the error mappers.
     *
     * @param app the Javalin application, not started yet
     */
    public void install(Javalin app) {
        app.before(this::gate);

        app.get("/", this::welcome);
        app.get("/health", this::health);
        app.get("/stats", ctx -> send(ctx, 200, statsReport.get()));
        app.get("/metrics", ctx -> ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metricsReport.get()));

        app.get("/databases", this::listDatabases);
        app.post("/databases", this::createDatabase);
        app.delete("/databases/{db}", this::dropDatabase);
        app.get("/databases/{db}/tables", this::listTables);
        app.post("/databases/{db}/tables", this::createTable);
        app.get("/databases/{db}/tables/{table}", this::select);
        app.post("/databases/{db}/tables/{table}", this::insert);
        app.put("/databases/{db}/tables/{table}", this::update);
        app.delete("/databases/{db}/tables/{table}", this::delete);
        app.post("/databases/{db}/query", this::query);

        app.post("/transactions", this::begin);
        app.post("/transactions/{id}/commit", this::commit);
        app.post("/transactions/{id}/rollback", this::rollback);

        app.exception(ApiException.class, (e, ctx) -> sendError(ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) -> sendError(ctx, fromJavalin(e, ctx)));
        app.exception(Exception.class, (e, ctx) -> {
            String incident = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("internal error {} on {} {}", incident, ctx.method(), ctx.path(), e);
            sendError(ctx, new ApiException(ErrorCode.INTERNAL_ERROR, "internal error (incident " + incident
                    + "); the details are in the server log"));
        });
    }

    /**
     * Records the request in the counters; installed as Javalin's request logger.
     *
     * @param ctx    the finished request
     * @param millis how long it took
     */
    public void record(Context ctx, float millis) {
        String op = RequestStats.operation(ctx.method().name(), ctx.path(), params(ctx).containsKey("condition"));
        stats.record(op, ctx.statusCode(), millis / 1000.0);
    }

    private void gate(Context ctx) {
        String token = settings.token();
        if (token != null) {
            String header = ctx.header("Authorization");
            String presented = null;
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                presented = header.substring(7).trim();
            }
            if (presented == null || !dev.lagoon.server.internal.Secret.ofNullable(token).matches(presented)) {
                throw new ApiException(ErrorCode.UNAUTHORIZED, header == null
                        ? "this server requires a token: send the header 'Authorization: Bearer <token>'"
                        : "the bearer token is not valid");
            }
        }
    }

    private void welcome(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "Welcome to the Lagoon PhantomDB server");
        body.put("version", settings.version());
        body.put("backend", settings.backendName());
        send(ctx, 200, body);
    }

    private void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        String reason = null;
        if (closing.getAsBoolean()) {
            reason = "the server is shutting down";
        } else {
            try (Connection c = backend.connection()) {
                if (!c.isValid(2)) {
                    reason = "the backend connection did not answer a validity check within 2 s";
                }
            } catch (SQLException e) {
                reason = "the backend database is unreachable: " + mask.apply(e.getMessage());
            }
        }
        body.put("status", reason == null ? "healthy" : "unhealthy");
        body.put("backend", settings.backendName());
        if (reason != null) {
            body.put("reason", reason);
            body.put("error", reason);
            body.put("code", ErrorCode.BACKEND_UNAVAILABLE.name());
        }
        Backend.PoolSnapshot pool = backend.status();
        body.put("pool", ordered("available", pool.available(), "used", pool.used(), "max", pool.max()));
        send(ctx, reason == null ? 200 : 503, body);
    }

    private void listDatabases(Context ctx) {
        List<String> names = sql(ctx, data::listDatabases);
        send(ctx, 200, Map.of("databases", names));
    }

    private void createDatabase(Context ctx) {
        JsonNode body = objectBody(ctx);
        String name = requiredText(body, "name");
        sql(ctx, c -> {
            data.createDatabase(c, name);
            return null;
        });
        send(ctx, 201, ordered("message", "Database created", "database", name));
    }

    private void dropDatabase(Context ctx) {
        String name = ctx.pathParam("db");
        String dropped = sql(ctx, c -> data.dropDatabase(c, name));
        send(ctx, 200, ordered("message", "Database dropped", "database", dropped));
    }

    private void listTables(Context ctx) {
        String db = ctx.pathParam("db");
        List<String> tables = sql(ctx, c -> data.listTables(c, db));
        send(ctx, 200, ordered("tables", tables, "database", db));
    }

    private void createTable(Context ctx) {
        String db = ctx.pathParam("db");
        JsonNode body = objectBody(ctx);
        String table = requiredText(body, "name");
        JsonNode columns = body.get("columns");
        if (columns == null || !columns.isArray()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "\"columns\" must be an array of"
                    + " {\"name\": ..., \"type\": ...} objects");
        }
        List<DataService.ColumnSpec> specs = new ArrayList<>();
        for (JsonNode column : columns) {
            specs.add(columnSpec(column));
        }
        sql(ctx, c -> {
            data.createTable(c, db, table, specs);
            return null;
        });
        send(ctx, 201, ordered("message", "Table created", "database", db, "table", table));
    }

    private static DataService.ColumnSpec columnSpec(JsonNode column) {
        if (column.isTextual()) {
            return new DataService.ColumnSpec(column.textValue(), ColumnType.STRING);
        }
        if (!column.isObject()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "each column must be an object such as"
                    + " {\"name\": \"id\", \"type\": \"int\"}");
        }
        JsonNode name = column.get("name");
        if (name == null || !name.isTextual()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "each column needs a \"name\" string");
        }
        JsonNode type = column.get("type");
        if (type != null && !type.isNull() && !type.isTextual()) {
            throw new ApiException(ErrorCode.INVALID_TYPE, "the \"type\" of column " + ApiException.echo(name.textValue())
                    + " must be a string");
        }
        String spelling = type == null || type.isNull() ? null : type.textValue();
        return new DataService.ColumnSpec(name.textValue(), ColumnType.parse(spelling, name.textValue()));
    }

    private void select(Context ctx) {
        String db = ctx.pathParam("db");
        String table = ctx.pathParam("table");
        String condition = condition(ctx, false);
        List<Map<String, Object>> records = sql(ctx, c -> data.select(c, db, table, condition));
        send(ctx, 200, ordered("records", records, "count", records.size()));
    }

    private void insert(Context ctx) {
        String db = ctx.pathParam("db");
        String table = ctx.pathParam("table");
        JsonNode body = objectBody(ctx);
        Map<String, JsonNode> row = fields(body);
        int inserted = sql(ctx, c -> data.insert(c, db, table, row));
        send(ctx, 201, ordered("message", "Record inserted", "inserted", inserted));
    }

    private void update(Context ctx) {
        String db = ctx.pathParam("db");
        String table = ctx.pathParam("table");
        JsonNode body = objectBody(ctx);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!field.equals("data") && !field.equals("condition")) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "unknown field " + ApiException.echo(field)
                        + "; an update is {\"data\": {column: value, ...}, \"condition\": \"...\"}");
            }
        }
        JsonNode dataNode = body.get("data");
        if (dataNode == null || !dataNode.isObject()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "\"data\" must be an object of column: value");
        }
        JsonNode conditionNode = body.get("condition");
        String condition = null;
        if (conditionNode != null && !conditionNode.isNull()) {
            if (!conditionNode.isTextual()) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "\"condition\" must be a string such as \"id = 2\"");
            }
            condition = conditionNode.textValue();
            requireNonBlank(condition);
        }
        Map<String, JsonNode> values = fields(dataNode);
        String where = condition;
        int updated = sql(ctx, c -> data.update(c, db, table, values, where));
        send(ctx, 200, ordered("message", "Records updated", "updated", updated));
    }

    private void delete(Context ctx) {
        String db = ctx.pathParam("db");
        String table = ctx.pathParam("table");
        String condition = condition(ctx, true);
        if (condition == null) {
            String dropped = sql(ctx, c -> data.dropTable(c, db, table)).name();
            send(ctx, 200, ordered("message", "Table dropped", "database", db, "table", dropped));
            return;
        }
        int deleted = sql(ctx, c -> data.deleteRows(c, db, table, condition));
        send(ctx, 200, ordered("message", "Records deleted", "deleted", deleted));
    }

    private void query(Context ctx) {
        String db = ctx.pathParam("db");
        JsonNode body = objectBody(ctx);
        String sqlText = requiredText(body, "query");
        DataService.QueryResult result = sql(ctx, c -> data.query(c, db, sqlText));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("columns", result.columns());
        out.put("records", result.records());
        out.put("row_count", result.rowCount());
        out.put("affected_rows", result.affectedRows());
        out.put("truncated", result.truncated());
        send(ctx, 200, out);
    }

    private void begin(Context ctx) {
        String id;
        try {
            id = transactions.begin();
        } catch (SQLException e) {
            throw unavailable(e);
        }
        send(ctx, 201, ordered("transaction_id", id, "message", "Transaction started"));
    }

    private void commit(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            transactions.commit(id);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, mask, data.timeoutSeconds());
        }
        send(ctx, 200, ordered("message", "Transaction committed", "transaction_id", id));
    }

    private void rollback(Context ctx) {
        String id = ctx.pathParam("id");
        transactions.rollback(id);
        send(ctx, 200, ordered("message", "Transaction rolled back", "transaction_id", id));
    }

    // ---------------------------------------------------------------- helpers

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs work on the request's transaction connection if it names one, else on a pooled one. */
    private <T> T sql(Context ctx, SqlWork<T> work) {
        String txId = transactionId(ctx);
        try {
            if (txId != null) {
                return transactions.use(txId, work::run);
            }
            Connection c;
            try {
                c = backend.connection();
            } catch (SQLException e) {
                throw unavailable(e);
            }
            try (c) {
                if (!c.getAutoCommit()) {
                    c.setAutoCommit(true);
                }
                return work.run(c);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, mask, data.timeoutSeconds());
        }
    }

    private ApiException unavailable(SQLException e) {
        return new ApiException(ErrorCode.BACKEND_UNAVAILABLE, "no backend connection could be had: "
                + mask.apply(e.getMessage()));
    }

    private static String transactionId(Context ctx) {
        String header = ctx.header(TRANSACTION_HEADER);
        String param = params(ctx).get("transaction_id");
        if (header != null && param != null && !header.equals(param)) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the " + TRANSACTION_HEADER
                    + " header and the transaction_id parameter name different transactions");
        }
        String id = header != null ? header : param;
        if (id != null && id.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the transaction id is empty");
        }
        return id == null ? null : id.trim();
    }

    private static Map<String, String> params(Context ctx) {
        return QueryString.parse(ctx.queryString());
    }

    /** The {@code condition} parameter: {@code null} when absent, 400 when present but empty. */
    private static String condition(Context ctx, boolean forDelete) {
        Map<String, String> params = params(ctx);
        if (!params.containsKey("condition")) {
            return null;
        }
        String condition = params.get("condition");
        if (condition.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_CONDITION, forDelete
                    ? "the condition is empty: omit it to drop the table, or send condition=true to delete every row"
                    : "the condition is empty: omit it to select every row", Map.of("position", 1));
        }
        return condition;
    }

    private static void requireNonBlank(String condition) {
        if (condition.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_CONDITION, "the condition is empty: leave it out to update"
                    + " every row", Map.of("position", 1));
        }
    }

    private JsonNode objectBody(Context ctx) {
        JsonNode node = Json.parse(body(ctx));
        if (!node.isObject()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the request body must be a JSON object");
        }
        return node;
    }

    private byte[] body(Context ctx) {
        int limit = settings.maxBodyBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(ctx, limit);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw tooLarge(ctx, limit);
            }
            return bytes;
        } catch (IOException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the request body could not be read");
        }
    }

    private static ApiException tooLarge(Context ctx, int limit) {
        ctx.header("Connection", "close");
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than the limit of "
                + limit + " bytes");
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the request body needs a \"" + field + "\" field");
        }
        if (!node.isTextual()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "\"" + field + "\" must be a string");
        }
        return node.textValue();
    }

    private static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    private static void send(Context ctx, int status, Object body) {
        ctx.status(status).contentType(JSON).result(Json.write(body));
    }

    private static void sendError(Context ctx, ApiException e) {
        if (e.code() == ErrorCode.UNAUTHORIZED) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"lagoon\"");
        }
        send(ctx, e.status(), e.body());
    }

    private static ApiException fromJavalin(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        String target = ctx.method().name() + " " + ctx.path();
        return switch (status) {
            case 404 -> new ApiException(ErrorCode.NOT_FOUND, "no endpoint " + ApiException.echo(target));
            case 405 -> new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "method not allowed: " + ApiException.echo(target));
            case 413 -> new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is too large");
            default -> new ApiException(status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST,
                    String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT));
        };
    }
}
