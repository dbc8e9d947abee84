package dev.lagoon.server.internal.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters by operation and status, and time spent by operation. Lock-free; read by
 * {@code /stats} and {@code /metrics} while requests are being counted (a reader sees each
 * counter's value at some moment during its read).
 */
public final class RequestStats {

    private final Map<String, Map<Integer, LongAdder>> counts = new ConcurrentHashMap<>();
    private final Map<String, DoubleAdder> seconds = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();

    /**
     * Names the operation a request is, from its method and path (and whether a DELETE on a
     * table carries a condition, which decides between deleting rows and dropping the table).
     *
     * @param method       the HTTP method
     * @param path         the request path
     * @param hasCondition whether the query string has a {@code condition}
     * @return an operation name such as {@code insert} or {@code drop_table}; {@code other} for no endpoint
     */
    public static String operation(String method, String path, boolean hasCondition) {
        String[] s = path.replaceAll("^/+|/+$", "").split("/+", -1);
        int n = path.replaceAll("^/+|/+$", "").isEmpty() ? 0 : s.length;
        String m = method.toUpperCase(java.util.Locale.ROOT);
        if (n == 0) {
            return m.equals("GET") ? "welcome" : "other";
        }
        switch (s[0]) {
            case "health":
                return n == 1 && m.equals("GET") ? "health" : "other";
            case "stats":
                return n == 1 && m.equals("GET") ? "stats" : "other";
            case "metrics":
                return n == 1 && m.equals("GET") ? "metrics" : "other";
            case "transactions":
                if (n == 1 && m.equals("POST")) {
                    return "begin_transaction";
                }
                if (n == 3 && m.equals("POST") && s[2].equals("commit")) {
                    return "commit_transaction";
                }
                if (n == 3 && m.equals("POST") && s[2].equals("rollback")) {
                    return "rollback_transaction";
                }
                return "other";
            case "databases":
                return databaseOperation(m, s, n, hasCondition);
            default:
                return "other";
        }
    }

    private static String databaseOperation(String m, String[] s, int n, boolean hasCondition) {
        if (n == 1) {
            return m.equals("GET") ? "list_databases" : m.equals("POST") ? "create_database" : "other";
        }
        if (n == 2) {
            return m.equals("DELETE") ? "drop_database" : "other";
        }
        if (n == 3 && s[2].equals("tables")) {
            return m.equals("GET") ? "list_tables" : m.equals("POST") ? "create_table" : "other";
        }
        if (n == 3 && s[2].equals("query")) {
            return m.equals("POST") ? "query" : "other";
        }
        if (n == 4 && s[2].equals("tables")) {
            return switch (m) {
                case "GET" -> "select";
                case "POST" -> "insert";
                case "PUT" -> "update";
                case "DELETE" -> hasCondition ? "delete_rows" : "drop_table";
                default -> "other";
            };
        }
        return "other";
    }

    /**
     * Counts one answered request.
     *
     * @param operation  its operation name
     * @param status     the HTTP status answered
     * @param elapsedSec how long it took, in seconds
     */
    public void record(String operation, int status, double elapsedSec) {
        counts.computeIfAbsent(operation, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, k -> new LongAdder()).increment();
        seconds.computeIfAbsent(operation, k -> new DoubleAdder()).add(elapsedSec);
        total.increment();
    }

    /** @return requests answered since start */
    public long total() {
        return total.sum();
    }

    /** @return operation to (status to count), sorted */
    public Map<String, Map<Integer, Long>> counts() {
        Map<String, Map<Integer, Long>> out = new TreeMap<>();
        counts.forEach((op, byStatus) -> {
            Map<Integer, Long> statuses = new TreeMap<>();
            byStatus.forEach((status, adder) -> statuses.put(status, adder.sum()));
            out.put(op, statuses);
        });
        return out;
    }

    /** @return operation to seconds spent, sorted */
    public Map<String, Double> seconds() {
        Map<String, Double> out = new TreeMap<>();
        seconds.forEach((op, adder) -> out.put(op, adder.sum()));
        return out;
    }
}
