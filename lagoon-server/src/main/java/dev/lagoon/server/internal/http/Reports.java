package dev.lagoon.server.internal.http;

import dev.lagoon.server.internal.backend.Backend;
import dev.lagoon.server.internal.tx.TransactionRegistry;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Builds the {@code /stats} JSON and the {@code /metrics} Prometheus text exposition (format
 * 0.0.4) from the request counters, the backend pool and the transaction registry.
 */
public final class Reports {

    private final RequestStats requests;
    private final Backend backend;
    private final TransactionRegistry transactions;
    private final Instant startedAt;
    private final long startedNanos;
    private final LongSupplier nanoClock;
    private final String version;
    private final String backendName;
    private final boolean virtualThreads;

    /**
     * @param requests       request counters
     * @param backend        the backend pool
     * @param transactions   the transaction registry
     * @param startedAt      when the server started
     * @param nanoClock      the monotonic clock
     * @param version        the server version
     * @param backendName    H2, PostgreSQL or MariaDB
     * @param virtualThreads whether requests run on virtual threads
     */
    public Reports(RequestStats requests, Backend backend, TransactionRegistry transactions, Instant startedAt,
                   LongSupplier nanoClock, String version, String backendName, boolean virtualThreads) {
        this.requests = requests;
        this.backend = backend;
        this.transactions = transactions;
        this.startedAt = startedAt;
        this.startedNanos = nanoClock.getAsLong();
        this.nanoClock = nanoClock;
        this.version = version;
        this.backendName = backendName;
        this.virtualThreads = virtualThreads;
    }

    private double uptimeSeconds() {
        return (nanoClock.getAsLong() - startedNanos) / 1e9;
    }

    /** @return the {@code /stats} body */
    public Map<String, Object> stats() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", version);
        out.put("started_at", DateTimeFormatter.ISO_INSTANT.format(startedAt));
        out.put("uptime_seconds", Math.round(uptimeSeconds() * 1000) / 1000.0);
        out.put("virtual_threads", virtualThreads);

        Map<String, Object> req = new LinkedHashMap<>();
        req.put("total", requests.total());
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Object> byOperation = new TreeMap<>();
        requests.counts().forEach((op, statuses) -> {
            long sum = 0;
            for (Map.Entry<Integer, Long> e : statuses.entrySet()) {
                byStatus.merge(String.valueOf(e.getKey()), e.getValue(), Long::sum);
                sum += e.getValue();
            }
            byOperation.put(op, sum);
        });
        req.put("by_status", byStatus);
        req.put("by_operation", byOperation);
        out.put("requests", req);

        Backend.PoolSnapshot pool = backend.status();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", backend.poolName());
        p.put("backend", backendName);
        p.put("available", pool.available());
        p.put("used", pool.used());
        p.put("min", pool.min());
        p.put("max", pool.max());
        p.put("pending", pool.pending());
        p.put("total", pool.total());
        out.put("pool", p);

        TransactionRegistry.Stats tx = transactions.stats();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("open", tx.open());
        t.put("begun", tx.begun());
        t.put("committed", tx.committed());
        t.put("rolled_back", tx.rolledBack());
        t.put("expired", tx.expired());
        out.put("transactions", t);
        return out;
    }

    /** @return the {@code /metrics} body */
    public String metrics() {
        StringBuilder out = new StringBuilder(2048);
        header(out, "lagoon_server_requests_total", "counter", "Requests answered, by operation and HTTP status.");
        requests.counts().forEach((op, statuses) -> statuses.forEach((status, count) ->
                out.append("lagoon_server_requests_total{operation=\"").append(escape(op)).append("\",status=\"")
                        .append(status).append("\"} ").append(count).append('\n')));
        header(out, "lagoon_server_request_duration_seconds", "summary",
                "Time spent answering requests, by operation.");
        Map<String, Long> countByOp = new TreeMap<>();
        requests.counts().forEach((op, statuses) -> countByOp.put(op,
                statuses.values().stream().mapToLong(Long::longValue).sum()));
        requests.seconds().forEach((op, seconds) -> {
            out.append("lagoon_server_request_duration_seconds_sum{operation=\"").append(escape(op)).append("\"} ")
                    .append(number(seconds)).append('\n');
            out.append("lagoon_server_request_duration_seconds_count{operation=\"").append(escape(op)).append("\"} ")
                    .append(countByOp.getOrDefault(op, 0L)).append('\n');
        });
        header(out, "lagoon_server_uptime_seconds", "gauge", "Seconds since the server started.");
        out.append("lagoon_server_uptime_seconds ").append(number(uptimeSeconds())).append('\n');

        Backend.PoolSnapshot pool = backend.status();
        String labels = "pool=\"" + escape(backend.poolName()) + "\",backend=\"" + escape(backendName) + "\"";
        header(out, "lagoon_pool_connections", "gauge", "Backend pool connections, by state.");
        out.append("lagoon_pool_connections{").append(labels).append(",state=\"available\"} ")
                .append(pool.available()).append('\n');
        out.append("lagoon_pool_connections{").append(labels).append(",state=\"used\"} ")
                .append(pool.used()).append('\n');
        header(out, "lagoon_pool_connections_total", "gauge", "Open backend pool connections.");
        out.append("lagoon_pool_connections_total{").append(labels).append("} ").append(pool.total()).append('\n');
        header(out, "lagoon_pool_pending", "gauge", "Requests waiting for a backend connection.");
        out.append("lagoon_pool_pending{").append(labels).append("} ").append(pool.pending()).append('\n');
        header(out, "lagoon_pool_min_connections", "gauge", "Configured minimum backend connections.");
        out.append("lagoon_pool_min_connections{").append(labels).append("} ").append(pool.min()).append('\n');
        header(out, "lagoon_pool_max_connections", "gauge", "Configured maximum backend connections.");
        out.append("lagoon_pool_max_connections{").append(labels).append("} ").append(pool.max()).append('\n');

        TransactionRegistry.Stats tx = transactions.stats();
        header(out, "lagoon_server_transactions_open", "gauge", "Open transactions (each holds a connection).");
        out.append("lagoon_server_transactions_open ").append(tx.open()).append('\n');
        header(out, "lagoon_server_transactions_total", "counter", "Ended transactions, by outcome.");
        out.append("lagoon_server_transactions_total{outcome=\"committed\"} ").append(tx.committed()).append('\n');
        out.append("lagoon_server_transactions_total{outcome=\"rolled_back\"} ").append(tx.rolledBack()).append('\n');
        out.append("lagoon_server_transactions_total{outcome=\"expired\"} ").append(tx.expired()).append('\n');
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String number(double d) {
        return String.format(Locale.ROOT, "%.6f", d);
    }

    static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
