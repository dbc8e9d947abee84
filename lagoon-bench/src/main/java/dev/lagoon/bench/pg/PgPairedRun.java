package dev.lagoon.bench.pg;

import dev.lagoon.bench.jdbc.JdbcPools;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@link PgSelectBench} load measured as paired, interleaved trials in one JVM, for the
 * question JMH's one-pool-after-another runs cannot settle on a shared machine: is a pool
 * within 2% of each thread holding a dedicated connection?
 *
 * <p>On this kind of machine the client, the PostgreSQL backends and other tenants share two
 * CPUs, and the throughput of the same configuration drifts by 5 to 10% within minutes (CPU
 * steal, other load). A JMH run measures the pools minutes apart, so that drift lands in
 * the ratio. Here the same worker threads switch between the modes ({@code dedicated} and
 * each pool) every {@code phaseMs}, the order rotating every round, and each round yields one
 * ratio per pool from phases seconds apart. The report gives the mean ratio with its 95%
 * confidence interval over the rounds.
 *
 * <p>Every mode is open for the whole run: each thread holds its dedicated connection, and each
 * pool holds its {@code connections} connections, idle while another mode runs. A phase
 * starts with a settling time that is not counted (threads finish the operation of the
 * previous mode).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.lagoon.bench.pg.PgPairedRun [threads]
 * [connections] [rounds] [phaseMs] [pools]}, defaults {@code 2 2 20 2000 lagoon,hikari}.
 */
public final class PgPairedRun {

    private static final String DEDICATED = "dedicated";
    private static final int WARM_UP_ROUNDS = 3;
    private static final long SETTLE_MS = 250;

    private final List<String> modes = new ArrayList<>();
    private final Map<String, DataSource> pools = new LinkedHashMap<>();
    private final LongAdder[] counts;
    private final int connections;
    private volatile int current;
    private volatile boolean stop;

    private PgPairedRun(List<String> poolNames, int connections) throws Exception {
        modes.add(DEDICATED);
        for (String name : poolNames) {
            modes.add(name);
            pools.put(name, JdbcPools.create(name, PgSelectBench.URL, PgSelectBench.USER, PgSelectBench.PASSWORD,
                    connections, true));
        }
        this.connections = connections;
        counts = new LongAdder[modes.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /**
     * Runs the trials and prints the report.
     *
     * @param args threads, connections, rounds, phase length in ms, comma-separated pools
     * @throws Exception if PostgreSQL is unreachable or a query fails
     */
    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        long phaseMs = args.length > 3 ? Long.parseLong(args[3]) : 2000;
        List<String> poolNames = List.of((args.length > 4 ? args[4] : "lagoon,hikari").split(","));
        if (threads < 1 || connections < 1 || rounds < 2 || phaseMs < 100) {
            throw new IllegalArgumentException("need threads >= 1, connections >= 1, rounds >= 2, phaseMs >= 100; got "
                    + threads + ", " + connections + ", " + rounds + ", " + phaseMs);
        }
        try (Connection c = DriverManager.getConnection(PgSelectBench.URL, PgSelectBench.USER, PgSelectBench.PASSWORD)) {
            PgSelectBench.prepareTable(c);
            PgSelectBench.checkCapacity(c, threads + connections * poolNames.size());
        }
        PgPairedRun run = new PgPairedRun(poolNames, connections);
        try {
            run.measure(threads, rounds, phaseMs);
        } finally {
            for (DataSource ds : run.pools.values()) {
                JdbcPools.close(ds);
            }
        }
    }

    private void measure(int threads, int rounds, long phaseMs) throws Exception {
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(this::work, "pg-paired-" + t);
            w.start();
            workers.add(w);
        }
        int m = modes.size();
        double[][] rates = new double[rounds][m];
        for (int r = -WARM_UP_ROUNDS; r < rounds; r++) {
            for (int k = 0; k < m; k++) {
                int mode = Math.floorMod(r + k, m);
                current = mode;
                Thread.sleep(SETTLE_MS);
                long before = counts[mode].sum();
                long start = System.nanoTime();
                Thread.sleep(phaseMs);
                long ops = counts[mode].sum() - before;
                double rate = ops * 1e9 / (System.nanoTime() - start);
                if (r >= 0) {
                    rates[r][mode] = rate;
                }
            }
            if (r >= 0) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %2d:", r + 1));
                for (int k = 0; k < m; k++) {
                    line.append(String.format(Locale.ROOT, "  %s %,.0f", modes.get(k), rates[r][k]));
                }
                System.out.println(line);
            }
        }
        stop = true;
        for (Thread w : workers) {
            w.join();
        }
        System.out.printf(Locale.ROOT, "%n%d threads, %d connections per pool, %d rounds of %d ms phases (%d warm-up rounds)%n",
                threads, connections, rounds, phaseMs, WARM_UP_ROUNDS);
        for (int k = 0; k < m; k++) {
            double[] col = column(rates, k);
            System.out.printf(Locale.ROOT, "%-10s mean %,.0f ops/s%n", modes.get(k), mean(col));
        }
        for (int k = 1; k < m; k++) {
            report(modes.get(k) + " / dedicated", ratios(rates, k, 0));
            for (int j = 1; j < m; j++) {
                if (j != k) {
                    report(modes.get(k) + " / " + modes.get(j), ratios(rates, k, j));
                }
            }
        }
    }

    private void work() {
        Connection own;
        try {
            own = DriverManager.getConnection(PgSelectBench.URL, PgSelectBench.USER, PgSelectBench.PASSWORD);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the dedicated connection", e);
        }
        List<DataSource> byMode = new ArrayList<>();
        byMode.add(null);
        byMode.addAll(pools.values());
        try (own) {
            while (!stop) {
                int mode = current;
                DataSource ds = byMode.get(mode);
                if (ds == null) {
                    select(own);
                } else {
                    try (Connection c = ds.getConnection()) {
                        select(c);
                    }
                }
                counts[mode].increment();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("select failed", e);
        }
    }

    private static void select(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PgSelectBench.SELECT)) {
            ps.setInt(1, ThreadLocalRandom.current().nextInt(1, PgSelectBench.ROWS + 1));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no row: the table was not filled");
                }
                rs.getInt(1);
            }
        }
    }

    private static double[] column(double[][] rates, int k) {
        double[] col = new double[rates.length];
        for (int r = 0; r < rates.length; r++) {
            col[r] = rates[r][k];
        }
        return col;
    }

    private static double[] ratios(double[][] rates, int a, int b) {
        double[] out = new double[rates.length];
        for (int r = 0; r < rates.length; r++) {
            out[r] = rates[r][a] / rates[r][b];
        }
        return out;
    }

    private static void report(String label, double[] ratios) {
        double mean = mean(ratios);
        double half = T95[Math.min(ratios.length - 1, T95.length - 1)] * stdev(ratios, mean) / Math.sqrt(ratios.length);
        System.out.printf(Locale.ROOT, "%-20s %.3fx  (95%% CI %.3fx to %.3fx, %d paired rounds)%n",
                label, mean, mean - half, mean + half, ratios.length);
    }

    private static double mean(double[] xs) {
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.length;
    }

    private static double stdev(double[] xs, double mean) {
        double sum = 0;
        for (double x : xs) {
            sum += (x - mean) * (x - mean);
        }
        return Math.sqrt(sum / (xs.length - 1));
    }

    /** Two-sided 95% quantiles of Student's t, indexed by degrees of freedom (1 to 30; 31+ uses 30's). */
    private static final double[] T95 = {Double.NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262,
        2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};
}
