package dev.lagoon.server.internal.demo;

import dev.lagoon.PoolStatus;
import dev.lagoon.phantomdb.Column;
import dev.lagoon.phantomdb.PhantomDB;
import dev.lagoon.phantomdb.PhantomDBException;
import dev.lagoon.phantomdb.PhantomDBPool;
import dev.lagoon.phantomdb.PhantomDBPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The {@code --demo} load: several worker threads play the tenants of a small shop, each
 * tenant a PhantomDB database of its own, through the Java client pool ({@link PhantomDBPool})
 * against the server itself. Workers insert orders, look them up with conditions, mark them
 * paid, clean old ones up, and move money in transactions, so {@code /stats}, {@code /metrics}
 * and the pools show life. A progress line reports operations, errors and both pools.
 *
 * <p>Thread-safety: {@link #start()} and {@link #close()} are called by one owner; the
 * counters are read by the progress ticker while workers update them.
 */
public final class DemoLoad implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoLoad.class);
    private static final String TABLE = "orders";
    private static final String[] CUSTOMERS = {"ada", "bo", "cy", "dee", "eli", "fay", "gus", "hal"};

    /** What the load looks like. */
    public record Settings(String baseUrl, String token, int tenants, int workers) {
        /** Validates the sizes. */
        public Settings {
            if (tenants < 1 || workers < 1) {
                throw new IllegalArgumentException("the demo needs at least one tenant (" + tenants
                        + ") and one worker (" + workers + ")");
            }
        }
    }

    private final Settings settings;
    private final Supplier<String> serverPool;
    private final PrintWriter out;
    private final boolean sameLine;
    private final AtomicBoolean running = new AtomicBoolean();
    private final LongAdder operations = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final List<Thread> workers = new ArrayList<>();
    private final long startedNanos = System.nanoTime();
    private PhantomDBPool pool;
    private ScheduledExecutorService ticker;

    /**
     * @param settings   tenants, workers and where the server is
     * @param serverPool describes the server's backend pool for the progress line
     * @param out        where the progress line goes
     * @param sameLine   rewrite one line with {@code \r} (a terminal) instead of printing a line per tick
     */
    public DemoLoad(Settings settings, Supplier<String> serverPool, PrintWriter out, boolean sameLine) {
        this.settings = settings;
        this.serverPool = serverPool;
        this.out = out;
        this.sameLine = sameLine;
    }

    /** @return the tenant databases the load uses */
    public List<String> tenantDatabases() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= settings.tenants(); i++) {
            names.add("demo_tenant_" + i);
        }
        return names;
    }

    /**
     * Creates the tenants' databases and tables if missing, then starts the workers and the
     * progress line.
     *
     * @throws PhantomDBException when the server cannot be reached to set up the tenants
     */
    public void start() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("the demo load is already running");
        }
        pool = PhantomDBPool.create(PhantomDBPoolConfig.builder()
                .baseUrl(settings.baseUrl())
                .token(settings.token())
                .minConnections(Math.min(2, settings.workers()))
                .maxConnections(Math.max(2, settings.workers()))
                .name("lagoon-demo")
                .build());
        try (PhantomDB client = pool.acquire()) {
            for (String db : tenantDatabases()) {
                if (!client.listDatabases().contains(db)) {
                    client.createDatabase(db);
                }
                if (!client.listTables(db).contains(TABLE)) {
                    client.createTable(db, TABLE, List.of(Column.of("id", "int"), Column.of("customer", "string"),
                            Column.of("amount", "float"), Column.of("paid", "boolean"),
                            Column.of("created", "timestamp")));
                }
            }
        }
        for (int i = 0; i < settings.workers(); i++) {
            Thread worker = new Thread(this::work, "lagoon-demo-worker-" + (i + 1));
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lagoon-demo-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::progress, 1, 1, TimeUnit.SECONDS);
    }

    /** @return operations completed so far */
    public long operations() {
        return operations.sum();
    }

    /** @return operations that failed so far */
    public long errors() {
        return errors.sum();
    }

    private void work() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.get()) {
            String db = "demo_tenant_" + (1 + random.nextInt(settings.tenants()));
            try (PhantomDB client = pool.acquire()) {
                operate(client, db, random);
                operations.increment();
            } catch (PhantomDBException e) {
                if (!running.get()) {
                    return;
                }
                errors.increment();
                if (errors.sum() <= 5) {
                    LOG.warn("demo operation on {} failed: {}", db, e.getMessage());
                }
            }
        }
    }

    private static void operate(PhantomDB client, String db, ThreadLocalRandom random) {
        int dice = random.nextInt(100);
        String customer = CUSTOMERS[random.nextInt(CUSTOMERS.length)];
        if (dice < 45) {
            client.insert(db, TABLE, order(random, customer));
        } else if (dice < 75) {
            client.select(db, TABLE, "customer = '" + customer + "' AND amount > " + random.nextInt(50));
        } else if (dice < 85) {
            client.update(db, TABLE, Map.of("paid", true), "customer = '" + customer + "' AND paid = false");
        } else if (dice < 90) {
            client.delete(db, TABLE, "id < " + random.nextInt(1000) + " AND paid = true");
        } else if (dice < 97) {
            client.transaction(tx -> {
                tx.insert(db, TABLE, order(random, customer));
                tx.insert(db, TABLE, order(random, customer));
                return tx.select(db, TABLE, "customer = '" + customer + "'").size();
            });
        } else {
            client.listTables(db);
        }
    }

    private static Map<String, Object> order(ThreadLocalRandom random, String customer) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", random.nextInt(1_000_000));
        row.put("customer", customer);
        row.put("amount", Math.round(random.nextDouble(1, 100) * 100) / 100.0);
        row.put("paid", false);
        row.put("created", LocalDateTime.now().withNano(0).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        return row;
    }

    private void progress() {
        try {
            out.print((sameLine ? "\r" : "") + progressLine() + (sameLine ? "" : System.lineSeparator()));
            out.flush();
        } catch (RuntimeException e) {
            LOG.debug("could not print the demo progress", e);
        }
    }

    /** @return the current progress line */
    public String progressLine() {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        long ops = operations();
        PoolStatus client = pool == null ? null : pool.getStatus();
        return String.format(Locale.ROOT, "demo: %d tenants, %d workers | %,d ops in %.0f s (%,.0f/s), %d errors"
                        + " | client pool %s | server pool %s",
                settings.tenants(), settings.workers(), ops, seconds, seconds > 0 ? ops / seconds : 0.0, errors(),
                client == null ? "-" : client.used() + " used/" + client.total() + " open/" + client.max() + " max",
                serverPool.get());
    }

    /**
     * Stops the workers (each finishes its current operation), closes the client pool and
     * prints a final line. Idempotent.
     */
    @Override
    public void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        if (ticker != null) {
            ticker.shutdownNow();
        }
        for (Thread worker : workers) {
            try {
                worker.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (pool != null) {
            pool.close();
        }
        out.println((sameLine ? "\r" : "") + progressLine() + " | stopped");
        out.flush();
    }
}
