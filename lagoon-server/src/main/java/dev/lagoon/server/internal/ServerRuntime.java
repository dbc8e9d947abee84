package dev.lagoon.server.internal;

import dev.lagoon.server.ServerOptions;
import dev.lagoon.server.internal.backend.Backend;
import dev.lagoon.server.internal.backend.Backends;
import dev.lagoon.server.internal.http.DrainHandler;
import dev.lagoon.server.internal.http.JsonErrorHandler;
import dev.lagoon.server.internal.http.LenientHttpConnectionFactory;
import dev.lagoon.server.internal.http.PhantomApi;
import dev.lagoon.server.internal.http.Reports;
import dev.lagoon.server.internal.http.RequestStats;
import dev.lagoon.server.internal.sql.DataService;
import dev.lagoon.server.internal.sql.Dialect;
import dev.lagoon.server.internal.tx.TransactionRegistry;
import io.javalin.Javalin;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The running server behind {@code PhantomServer}: the backend pool, the transaction registry
 * and its reaper, and Javalin on Jetty. Owns the start-up order and the graceful shutdown:
 * refuse new requests, let in-flight ones finish (up to the drain timeout), stop Jetty, roll back
 * open transactions, close the pool.
 */
public final class ServerRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerRuntime.class);

    private final ServerOptions options;
    private final Dialect dialect;
    private final Backend backend;
    private final TransactionRegistry transactions;
    private final ScheduledExecutorService reaper;
    private final Javalin app;
    private final AtomicBoolean closing;
    private final DrainHandler drain;
    private final ReentrantLock closeLock = new ReentrantLock();
    private final boolean virtualThreads;
    private final String version;
    private final int port;
    private boolean closed;

    private ServerRuntime(ServerOptions options, Dialect dialect, Backend backend, TransactionRegistry transactions,
                          ScheduledExecutorService reaper, Javalin app, AtomicBoolean closing, DrainHandler drain,
                          boolean virtualThreads, String version) {
        this.closing = closing;
        this.drain = drain;
        this.options = options;
        this.dialect = dialect;
        this.backend = backend;
        this.transactions = transactions;
        this.reaper = reaper;
        this.app = app;
        this.virtualThreads = virtualThreads;
        this.version = version;
        this.port = app.port();
    }

    /**
     * Starts everything and returns once the server listens.
     *
     * @param options validated options
     * @return the running server
     * @throws IllegalStateException when it cannot start (port taken, data directory not writable, ...)
     */
    public static ServerRuntime start(ServerOptions options) {
        Dialect dialect = Dialect.forJdbcUrl(options.jdbcUrl());
        if (options.isDefaultDatabase()) {
            try {
                Files.createDirectories(options.dataDir());
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the data directory " + options.dataDir() + ": "
                        + e.getMessage(), e);
            }
        }
        List<AutoCloseable> cleanup = new ArrayList<>();
        try {
            Backend backend = Backends.open(options);
            cleanup.add(backend);
            int maxTransactions = Math.max(1, options.maxPoolSize() - 1);
            TransactionRegistry transactions = new TransactionRegistry(backend::connection,
                    options.transactionTimeout(), maxTransactions, options.acquireTimeout(), System::nanoTime);
            ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lagoon-transaction-reaper");
                t.setDaemon(true);
                return t;
            });
            cleanup.add(reaper::shutdownNow);
            long period = Math.max(10, Math.min(1000, options.transactionTimeout().toMillis() / 4));
            reaper.scheduleWithFixedDelay(() -> {
                try {
                    transactions.expireIdle();
                } catch (RuntimeException e) {
                    LOG.warn("the transaction reaper failed; it will run again", e);
                }
            }, period, period, TimeUnit.MILLISECONDS);

            QueuedThreadPool threads = new QueuedThreadPool(200, 8, 60_000);
            threads.setName("lagoon-http");
            boolean virtual = VirtualThreads.areSupported();
            if (virtual) {
                threads.setVirtualThreadsExecutor(VirtualThreads.getDefaultVirtualThreadsExecutor());
            }
            String version = BuildInfo.version();
            AtomicBoolean closingFlag = new AtomicBoolean();
            DrainHandler drain = new DrainHandler();
            RequestStats stats = new RequestStats();
            Reports reports = new Reports(stats, backend, transactions, Instant.now(), System::nanoTime, version,
                    dialect.displayName(), virtual);
            List<Secret> secrets = new ArrayList<>();
            secrets.add(Secret.ofNullable(options.password()));
            secrets.add(Secret.ofNullable(options.token()));
            DataService data = new DataService(dialect, options.statementTimeout(), options.maxQueryRows());
            PhantomApi api = new PhantomApi(data, backend, transactions, stats,
                    new PhantomApi.Settings(options.maxBodyBytes(), options.token(), version, dialect.displayName()),
                    text -> Masking.text(text, secrets), closingFlag::get, reports::stats, reports::metrics);

            Javalin app = Javalin.create(config -> {
                config.showJavalinBanner = false;
                config.startupWatcherEnabled = false;
                config.jetty.threadPool = threads;
                config.http.maxRequestSize = options.maxBodyBytes();
                config.router.ignoreTrailingSlashes = true;
                config.requestLogger.http(api::record);
                config.jetty.modifyServer(server -> {
                    // in-flight requests are drained by DrainHandler before Jetty stops, so Jetty's own
                    // graceful phase is off (it would also turn a failed bind into an obscure error)
                    server.setStopTimeout(0);
                    server.insertHandler(drain);
                    server.setErrorHandler(new JsonErrorHandler(closingFlag::get));
                });
                config.jetty.addConnector((server, http) -> {
                    http.setSendServerVersion(false);
                    ServerConnector connector = new ServerConnector(server, new LenientHttpConnectionFactory(http));
                    connector.addBean(drain.completionListener());
                    connector.setHost(options.bind());
                    connector.setPort(options.port());
                    return connector;
                });
            });
            api.install(app);
            app.start();
            return new ServerRuntime(options, dialect, backend, transactions, reaper, app, closingFlag, drain,
                    virtual, version);
        } catch (Exception e) { // Javalin (Kotlin) may throw checked exceptions undeclared
            for (int i = cleanup.size() - 1; i >= 0; i--) {
                try {
                    cleanup.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IllegalStateException("the server could not start on " + options.bind() + ":" + options.port()
                    + ": " + Masking.text(why, List.of()), e);
        }
    }

    /** @return the port the server listens on */
    public int port() {
        return port;
    }

    /** @return the base URL clients use, e.g. {@code http://127.0.0.1:8080} */
    public String baseUrl() {
        String host = options.bind();
        try {
            InetAddress address = InetAddress.getByName(host);
            if (address.isAnyLocalAddress()) {
                host = "127.0.0.1";
            } else if (address instanceof Inet6Address) {
                host = "[" + address.getHostAddress() + "]";
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the bind address no longer resolves: " + host, e);
        }
        return "http://" + host + ":" + port;
    }

    /** @return the backend pool in a few words, for progress lines: used, open and max connections */
    public String poolSummary() {
        Backend.PoolSnapshot s = backend.status();
        return s.used() + " used/" + s.total() + " open/" + s.max() + " max";
    }

    /** @return the backend's product name */
    public String backendName() {
        return dialect.displayName();
    }

    /** @return whether requests are handled on virtual threads */
    public boolean virtualThreads() {
        return virtualThreads;
    }

    /** @return the server version */
    public String version() {
        return version;
    }

    /**
     * Shuts down gracefully: new requests get 503, in-flight ones finish (up to the drain
     * timeout), Jetty stops, open transactions are rolled back, the pool closes. Idempotent.
     */
    @Override
    public void close() {
        closeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closing.set(true);
            drain.startDraining();
            LOG.info("shutting down: refusing new requests, finishing in-flight ones (up to {} ms)",
                    options.drainTimeout().toMillis());
            try {
                int left = drain.awaitIdle(options.drainTimeout());
                if (left > 0) {
                    LOG.warn("{} request(s) still running after the {} ms drain timeout; stopping anyway", left,
                            options.drainTimeout().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("interrupted while waiting for in-flight requests; stopping now");
            }
            try {
                app.stop();
            } catch (RuntimeException e) {
                LOG.warn("the HTTP server did not stop cleanly: {}", e.getMessage());
            }
            reaper.shutdownNow();
            int rolledBack = transactions.rollbackAll(Duration.ofSeconds(5));
            if (rolledBack > 0) {
                LOG.info("rolled back {} open transaction(s)", rolledBack);
            }
            backend.close();
            LOG.info("stopped");
        } finally {
            closeLock.unlock();
        }
    }
}
