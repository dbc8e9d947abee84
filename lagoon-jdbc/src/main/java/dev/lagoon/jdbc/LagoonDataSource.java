package dev.lagoon.jdbc;

import dev.lagoon.AcquireTimeoutException;
import dev.lagoon.ConnectionCreationException;
import dev.lagoon.Fairness;
import dev.lagoon.Pool;
import dev.lagoon.PoolClosedException;
import dev.lagoon.PoolConfig;
import dev.lagoon.PoolException;
import dev.lagoon.PoolExhaustedException;
import dev.lagoon.PoolListener;
import dev.lagoon.PoolStatus;
import dev.lagoon.internal.PoolEngine;
import dev.lagoon.internal.Slot;
import dev.lagoon.jdbc.internal.BeanProperties;
import dev.lagoon.jdbc.internal.Connector;
import dev.lagoon.jdbc.internal.ErrorClassification;
import dev.lagoon.jdbc.internal.JdbcConnectionFactory;
import dev.lagoon.jdbc.internal.JdbcSettings;
import dev.lagoon.jdbc.internal.LeasedConnection;
import dev.lagoon.jdbc.internal.PhysicalConnection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * A pooling {@link DataSource} on the Lagoon core pool.
 *
 * <pre>{@code
 * LagoonDataSource ds = LagoonDataSource.builder()
 *         .jdbcUrl("jdbc:postgresql://db:5432/app")
 *         .username("app").password(secret)
 *         .maxSize(20)
 *         .build();
 * try (Connection c = ds.getConnection()) {
 *     ...
 * }
 * ds.close();
 * }</pre>
 *
 * <h2>Two ways to configure</h2>
 * <ul>
 *   <li>{@link #builder()}: fluent methods named like the setters without {@code set}, ending
 *       in {@link Builder#build()}, which validates everything and returns a data source whose
 *       options are frozen.</li>
 *   <li>The no-argument constructor and JavaBean setters, for Spring Boot, Quarkus-style config
 *       and JNDI. The options are validated and frozen by {@link #start()} or by the first
 *       {@link #getConnection()}, which starts the pool lazily. A setter called after that
 *       throws {@link IllegalStateException}.</li>
 * </ul>
 * Invalid options throw {@link IllegalArgumentException} naming the option, its value and the
 * allowed range; nothing is clamped silently. From {@code getConnection()} the same problem
 * arrives as an {@link SQLException} whose cause is that exception.
 *
 * <h2>Where connections come from</h2>
 * Exactly one of: {@link #setJdbcUrl jdbcUrl} (with the driver found by
 * {@link DriverManager}, or named by {@link #setDriverClassName driverClassName}, and
 * {@link #setDataSourceProperties dataSourceProperties} passed to it as connection
 * properties); {@link #setDataSourceClassName dataSourceClassName} (a vendor
 * {@code DataSource} created with its no-argument constructor, {@code dataSourceProperties}
 * applied through its setters); or a ready {@link #setDataSource dataSource} instance. The
 * user and password come from {@link #setUsername username}/{@link #setPassword password} or,
 * for rotating secrets, from a {@link CredentialsProvider} asked once per new connection.
 *
 * <h2>What every borrower can rely on</h2>
 * <ul>
 *   <li>Each {@code getConnection()} returns a new wrapper over a pooled connection;
 *       {@code close()} returns it. Statements opened through it are closed on return; a
 *       closed wrapper throws {@link SQLException} (SQLState {@code 08003}); {@code unwrap}
 *       reaches the driver's objects; {@code abort} destroys the physical connection.</li>
 *   <li>It starts with the configured defaults: {@link #setAutoCommit autoCommit} (true),
 *       {@link #setTransactionIsolation transactionIsolation}, {@link #setReadOnly readOnly}
 *       (false), {@link #setCatalog catalog}, {@link #setSchema schema}. On return the pool
 *       rolls back work left uncommitted when auto-commit is off
 *       ({@link #setRollbackOnReturn rollbackOnReturn}, true), restores exactly the settings
 *       the borrower changed (and the network timeout), and clears warnings. With
 *       {@code rollbackOnReturn} false, uncommitted work is left to the driver: restoring
 *       auto-commit to true commits it. A connection whose borrower called nothing on it but
 *       {@code close()} goes back as it is, with no call to the driver: nothing can have
 *       changed (any other method, even a getter, counts as use and gets the full reset).</li>
 *   <li>An exception that means the connection is broken (see
 *       {@link BrokenConnectionClassifier#standard()}; add rules with
 *       {@link #addBrokenConnectionClassifier}) makes the pool destroy that connection when
 *       it is returned, instead of lending it again.</li>
 *   <li>Validation ({@link #setValidationQuery validationQuery}, or
 *       {@link Connection#isValid} by default) runs under a driver network timeout equal to
 *       {@link #setValidationTimeout validationTimeout}, so a silent server cannot hold it
 *       longer; the reset on return is bounded the same way, and the set-up of a new
 *       connection by {@link #setAcquireTimeout acquireTimeout}. The driver's own connect
 *       and login timeouts (PostgreSQL {@code connectTimeout}/{@code loginTimeout}, MariaDB
 *       {@code connectTimeout}, passed in {@code dataSourceProperties}) bound the handshake;
 *       borrowers never wait longer than their acquire timeout whatever the driver does.</li>
 *   <li>Passwords and URL secrets never appear in logs, {@link #toString()} or exception
 *       messages built here; {@link SecretMasking} does the masking.</li>
 * </ul>
 *
 * <h2>{@code getConnection(user, password)}</h2>
 * Not supported: it throws {@link SQLFeatureNotSupportedException}. A pool serves one set of
 * credentials. Sub-pools keyed by caller-supplied passwords would keep every password ever
 * passed in memory as a map key, could not be bounded by {@code maxSize}, and would hide the
 * real number of server sessions; use one {@code LagoonDataSource} per account, or a
 * {@link CredentialsProvider} when the password rotates.
 *
 * <h2>Statement cache</h2>
 * {@link #setStatementCacheSize statementCacheSize} keeps up to that many idle prepared
 * statements per physical connection, least recently used evicted, so that preparing the same
 * SQL again on the same connection skips the driver's prepare. It is off (0) by default:
 * pgjdbc already keeps server-side prepared statements per connection
 * ({@code prepareThreshold}, {@code preparedStatementCacheQueries}) and MariaDB's driver has
 * {@code cachePrepStmts}, so the pool's cache only saves the client-side parse and the
 * wrapper allocation. It pays when the driver has no cache of its own, or when an
 * application prepares a few statements very often on short leases. A statement whose
 * settings the borrower changed (fetch size, max rows, timeouts...) is closed, not cached.
 *
 * <h2>Threads</h2>
 * All methods are thread-safe. Setters are meant to be called by one thread before the pool
 * starts; {@link #start()}, {@link #getConnection()} and {@link #close()} may race freely:
 * the pool starts once, and a data source closed before it started never starts.
 */
public class LagoonDataSource implements DataSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LagoonDataSource.class);
    private static final PoolConfig DEFAULTS = PoolConfig.builder().name("defaults").build();
    private static final AtomicInteger NUMBER = new AtomicInteger();
    private static final int MAX_STATEMENT_CACHE_SIZE = 10_000;

    // ---- options (written before start by one thread; frozen afterwards) ----------------
    private String jdbcUrl;
    private String username;
    private String password;
    private String driverClassName;
    private String dataSourceClassName;
    private final Properties dataSourceProperties = new Properties();
    private DataSource dataSource;
    private CredentialsProvider credentialsProvider;
    private String connectionInitSql;
    private String validationQuery;
    private boolean autoCommit = true;
    private String transactionIsolation;
    private boolean readOnly;
    private String catalog;
    private String schema;
    private boolean rollbackOnReturn = true;
    private int statementCacheSize;
    private final List<BrokenConnectionClassifier> classifiers = new ArrayList<>();

    private int minSize = DEFAULTS.minSize();
    private int maxSize = DEFAULTS.maxSize();
    private Integer initialSize;
    private Duration acquireTimeout = DEFAULTS.acquireTimeout();
    private Duration idleTimeout = DEFAULTS.idleTimeout();
    private Duration maxLifetime = DEFAULTS.maxLifetime();
    private long maxBorrows = DEFAULTS.maxBorrows();
    private boolean validateOnAcquire = DEFAULTS.validateOnAcquire();
    private boolean validateOnRelease = DEFAULTS.validateOnRelease();
    private Duration validationTimeout = DEFAULTS.validationTimeout();
    private Duration validationBypassWindow = DEFAULTS.validationBypassWindow();
    private int maxWaitQueueSize = DEFAULTS.maxWaitQueueSize();
    private Fairness fairness = DEFAULTS.fairness();
    private int maxConcurrentCreates = DEFAULTS.maxConcurrentCreates();
    private Duration maintenanceInterval = DEFAULTS.maintenanceInterval();
    private Duration leakDetectionThreshold = DEFAULTS.leakDetectionThreshold();
    private Duration creationBackoffInitial = DEFAULTS.creationBackoffInitial();
    private Duration creationBackoffMax = DEFAULTS.creationBackoffMax();
    private boolean failFast = DEFAULTS.failFast();
    private String poolName;
    private final List<PoolListener> listeners = new ArrayList<>();

    private volatile int loginTimeout;
    private volatile PrintWriter logWriter;

    // ---- lifecycle ---------------------------------------------------------------------------
    /** Guards the start and close transitions; never held while borrowing. */
    private final ReentrantLock lifecycle = new ReentrantLock();
    /** The validated options; non-null once frozen (by build() or start()). */
    private volatile Frozen frozen;
    /** The running pool; non-null once started. */
    private volatile PoolEngine<PhysicalConnection> pool;
    private volatile boolean closed;
    /** The vendor data source connections come from, once frozen (dataSource or dataSourceClassName). */
    private volatile DataSource vendorInstance;

    private record Frozen(JdbcSettings settings, PoolConfig poolConfig, String target) {
    }

    /** Creates an unconfigured data source named {@code lagoon-jdbc-N}; configure it with the setters. */
    public LagoonDataSource() {
        this.poolName = "lagoon-jdbc-" + NUMBER.incrementAndGet();
    }

    /** @return a builder for a data source */
    public static Builder builder() {
        return new Builder();
    }

    // =========================================================================================
    // Lifecycle
    // =========================================================================================

    /**
     * Validates and freezes the options and starts the pool, opening
     * {@link #setInitialSize initialSize} connections. Idempotent. Without
     * {@link #setFailFast failFast}, connection failures at start are logged and retried in the
     * background, so this returns even when the database is down.
     *
     * @throws IllegalArgumentException    if an option is invalid
     * @throws IllegalStateException       if the data source was closed
     * @throws ConnectionCreationException with {@code failFast}, if the initial connections fail
     */
    public void start() {
        if (pool != null && !closed) {
            return;
        }
        lifecycle.lock();
        try {
            if (closed) {
                throw new IllegalStateException("LagoonDataSource '" + getPoolName() + "' is closed");
            }
            if (pool != null) {
                return;
            }
            Frozen f = freeze();
            LOG.info("Pool '{}' starting: {}, minSize={}, maxSize={}", f.poolConfig().name(), f.target(),
                    f.poolConfig().minSize(), f.poolConfig().maxSize());
            pool = PoolEngine.start(new JdbcConnectionFactory(f.settings()), f.poolConfig());
        } finally {
            lifecycle.unlock();
        }
    }

    /** @return whether the pool has started (and not necessarily still runs) */
    public boolean isStarted() {
        return pool != null;
    }

    /**
     * Closes the pool: idle connections are closed now, leased ones when they are returned,
     * waiting borrowers fail, and later {@code getConnection} calls throw. Idempotent.
     */
    @Override
    public void close() {
        lifecycle.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            Pool<PhysicalConnection> p = pool;
            if (p != null) {
                LOG.info("Pool '{}' closing", p.name());
                p.close();
            }
        } finally {
            lifecycle.unlock();
        }
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    /**
     * A snapshot of the pool's counts. Before the pool starts every count is zero and
     * {@code min}/{@code max} are the configured sizes.
     *
     * @return the pool's status
     */
    public PoolStatus status() {
        Pool<PhysicalConnection> p = pool;
        if (p != null) {
            return p.status();
        }
        Frozen f = frozen;
        return f != null
                ? new PoolStatus(0, 0, f.poolConfig().minSize(), f.poolConfig().maxSize(), 0, 0)
                : new PoolStatus(0, 0, minSize, maxSize, 0, 0);
    }

    /** @return the pool's name, used in thread names, logs and metrics */
    public String getPoolName() {
        Frozen f = frozen;
        return f != null ? f.poolConfig().name() : poolName;
    }

    /** @return the core configuration the pool runs with, or {@code null} before it is frozen */
    PoolConfig poolConfig() {
        Frozen f = frozen;
        return f == null ? null : f.poolConfig();
    }

    // =========================================================================================
    // DataSource
    // =========================================================================================

    /**
     * Leases a connection, starting the pool first if needed. Waits at most
     * {@link #setAcquireTimeout acquireTimeout}.
     *
     * @return a connection; close it to return it to the pool
     * @throws SQLTransientConnectionException    when none became available in time (the cause
     *                                            chain holds the last connection failure), or
     *                                            the wait queue is full
     * @throws SQLNonTransientConnectionException when the data source is closed
     * @throws SQLException                       when the options are invalid
     */
    @Override
    public Connection getConnection() throws SQLException {
        PoolEngine<PhysicalConnection> p = pool;
        if (p == null) {
            p = startForBorrower();
        }
        Slot<PhysicalConnection> slot;
        try {
            slot = p.acquireSlot();
        } catch (PoolException e) {
            throw translate(e);
        }
        return new LeasedConnection(p, slot);
    }

    /**
     * Not supported; see the class comment.
     *
     * @throws SQLFeatureNotSupportedException always
     */
    @Override
    public Connection getConnection(String user, String pass) throws SQLException {
        throw new SQLFeatureNotSupportedException("LagoonDataSource '" + getPoolName()
                + "' pools connections for one set of credentials; getConnection(user, password) is not"
                + " supported. Use one LagoonDataSource per account, or a CredentialsProvider for rotating"
                + " passwords.", "0A000");
    }

    private PoolEngine<PhysicalConnection> startForBorrower() throws SQLException {
        try {
            start();
            return pool;
        } catch (IllegalStateException e) {
            throw new SQLNonTransientConnectionException(e.getMessage(), "08003", e);
        } catch (IllegalArgumentException e) {
            throw new SQLNonTransientException("LagoonDataSource '" + getPoolName() + "' cannot start: "
                    + e.getMessage(), e);
        } catch (PoolException e) {
            throw translate(e);
        }
    }

    private SQLException translate(PoolException e) {
        if (e instanceof AcquireTimeoutException) {
            Throwable cause = e.getCause();
            String state = cause instanceof SQLException && ((SQLException) cause).getSQLState() != null
                    ? ((SQLException) cause).getSQLState() : "08001";
            return new SQLTransientConnectionException(e.getMessage(), state, e);
        }
        if (e instanceof PoolExhaustedException) {
            return new SQLTransientConnectionException(e.getMessage(), "08004", e);
        }
        if (e instanceof PoolClosedException) {
            return new SQLNonTransientConnectionException(e.getMessage(), "08003", e);
        }
        if (e instanceof ConnectionCreationException) {
            return new SQLTransientConnectionException(e.getMessage(), "08001", e);
        }
        return new SQLTransientConnectionException("LagoonDataSource '" + getPoolName() + "': "
                + e.getMessage(), "08001", e);
    }

    /** @return the log writer set with {@link #setLogWriter}; the pool itself logs through SLF4J */
    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    /**
     * Kept and handed to a vendor {@code DataSource} ({@code dataSourceClassName}) when the
     * pool starts; the pool itself logs through SLF4J.
     */
    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    /**
     * The login timeout in seconds handed to a vendor {@code DataSource}
     * ({@code dataSourceClassName}) when the pool starts. With {@code jdbcUrl}, set the
     * driver's own timeout properties in {@code dataSourceProperties} instead: Lagoon does not
     * change the JVM-wide {@link DriverManager#setLoginTimeout}.
     *
     * @param seconds 0 for the driver's default, or a positive number of seconds
     */
    @Override
    public void setLoginTimeout(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("loginTimeout (" + seconds + ") must be 0 or positive");
        }
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public java.util.logging.Logger getParentLogger() {
        return java.util.logging.Logger.getLogger("dev.lagoon.jdbc");
    }

    /** Unwraps to this data source, or to the vendor {@code DataSource} it uses. */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        DataSource target = vendorDataSource();
        if (target != null) {
            if (iface.isInstance(target)) {
                return iface.cast(target);
            }
            return target.unwrap(iface);
        }
        throw new SQLException("LagoonDataSource '" + getPoolName() + "' does not wrap a " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return true;
        }
        DataSource target = vendorDataSource();
        return target != null && (iface.isInstance(target) || target.isWrapperFor(iface));
    }

    private DataSource vendorDataSource() {
        DataSource v = vendorInstance;
        return v != null ? v : dataSource;
    }

    @Override
    public String toString() {
        Frozen f = frozen;
        String target = f != null ? f.target() : describeTarget();
        String state = closed ? "closed" : pool != null ? "running" : "not started";
        return "LagoonDataSource{pool='" + getPoolName() + "', target=" + target + ", username=" + username
                + ", state=" + state + ", status=" + status() + '}';
    }

    private String describeTarget() {
        if (jdbcUrl != null) {
            return SecretMasking.maskUrl(jdbcUrl);
        }
        if (dataSourceClassName != null) {
            return dataSourceClassName;
        }
        return dataSource == null ? "none" : dataSource.getClass().getName();
    }

    // =========================================================================================
    // Validation
    // =========================================================================================

    private void checkMutable(String option) {
        if (frozen != null || closed) {
            throw new IllegalStateException("LagoonDataSource '" + getPoolName() + "' is frozen: " + option
                    + " cannot change after build() or start()");
        }
    }

    /** Validates the options once and remembers the result; called under the lifecycle lock. */
    private Frozen freeze() {
        Frozen f = frozen;
        if (f != null) {
            return f;
        }
        PoolConfig.Builder core = PoolConfig.builder()
                .minSize(minSize).maxSize(maxSize)
                .acquireTimeout(acquireTimeout).idleTimeout(idleTimeout).maxLifetime(maxLifetime)
                .maxBorrows(maxBorrows)
                .validateOnAcquire(validateOnAcquire).validateOnRelease(validateOnRelease)
                .validationTimeout(validationTimeout).validationBypassWindow(validationBypassWindow)
                .maxWaitQueueSize(maxWaitQueueSize).fairness(fairness)
                .maxConcurrentCreates(maxConcurrentCreates).maintenanceInterval(maintenanceInterval)
                .leakDetectionThreshold(leakDetectionThreshold)
                .creationBackoffInitial(creationBackoffInitial).creationBackoffMax(creationBackoffMax)
                .failFast(failFast).name(poolName);
        if (initialSize != null) {
            core.initialSize(initialSize);
        }
        listeners.forEach(core::listener);
        PoolConfig poolConfig = core.build();

        if (statementCacheSize < 0 || statementCacheSize > MAX_STATEMENT_CACHE_SIZE) {
            throw new IllegalArgumentException("statementCacheSize (" + statementCacheSize
                    + ") must be between 0 (off) and " + MAX_STATEMENT_CACHE_SIZE);
        }
        requireNotBlank("connectionInitSql", connectionInitSql);
        requireNotBlank("validationQuery", validationQuery);
        int isolation = parseIsolation(transactionIsolation);
        if (credentialsProvider != null && (username != null || password != null)) {
            throw new IllegalArgumentException("set either username/password or credentialsProvider, not both");
        }
        Connector connector = connector();
        CredentialsProvider credentials = credentialsProvider != null
                ? credentialsProvider : CredentialsProvider.fixed(username, password);

        List<String> secrets = new ArrayList<>();
        if (password != null) {
            secrets.add(password);
        }
        for (Map.Entry<Object, Object> e : dataSourceProperties.entrySet()) {
            if (SecretMasking.isSecretKey(String.valueOf(e.getKey())) && e.getValue() != null) {
                secrets.add(String.valueOf(e.getValue()));
            }
        }
        List<BrokenConnectionClassifier> all = new ArrayList<>(classifiers);
        for (BrokenConnectionClassifier c : ServiceLoader.load(BrokenConnectionClassifier.class)) {
            all.add(c);
        }
        JdbcSettings settings = new JdbcSettings(poolConfig.name(), connector, credentials, List.copyOf(secrets),
                connectionInitSql, validationQuery, autoCommit, isolation, readOnly, catalog, schema,
                rollbackOnReturn, statementCacheSize, new ErrorClassification(all),
                poolConfig.validationTimeout(), poolConfig.acquireTimeout());
        f = new Frozen(settings, poolConfig, connector.describe());
        frozen = f;
        return f;
    }

    private Connector connector() {
        int targets = (jdbcUrl != null ? 1 : 0) + (dataSourceClassName != null ? 1 : 0) + (dataSource != null ? 1 : 0);
        if (targets != 1) {
            throw new IllegalArgumentException("set exactly one of jdbcUrl, dataSourceClassName and dataSource ("
                    + (targets == 0 ? "none is set" : targets + " are set") + ")");
        }
        if (driverClassName != null && jdbcUrl == null) {
            throw new IllegalArgumentException("driverClassName (" + driverClassName + ") needs a jdbcUrl");
        }
        if (jdbcUrl != null) {
            return Connector.driver(driver(), jdbcUrl, dataSourceProperties);
        }
        if (dataSource != null) {
            if (!dataSourceProperties.isEmpty()) {
                throw new IllegalArgumentException("dataSourceProperties cannot be combined with a dataSource"
                        + " instance; configure the instance itself");
            }
            vendorInstance = dataSource;
            return Connector.dataSource(dataSource, dataSource.getClass().getName());
        }
        Object instance = instantiate(dataSourceClassName, "dataSourceClassName");
        if (!(instance instanceof DataSource)) {
            throw new IllegalArgumentException("dataSourceClassName (" + dataSourceClassName
                    + ") does not implement javax.sql.DataSource");
        }
        DataSource ds = (DataSource) instance;
        BeanProperties.apply(ds, dataSourceProperties);
        try {
            if (loginTimeout > 0) {
                ds.setLoginTimeout(loginTimeout);
            }
            if (logWriter != null) {
                ds.setLogWriter(logWriter);
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("dataSourceClassName (" + dataSourceClassName
                    + ") rejected loginTimeout or logWriter: " + SecretMasking.mask(e.getMessage()), e);
        }
        vendorInstance = ds;
        return Connector.dataSource(ds, dataSourceClassName);
    }

    private Driver driver() {
        String masked = SecretMasking.maskUrl(jdbcUrl);
        if (driverClassName != null) {
            Object instance = instantiate(driverClassName, "driverClassName");
            if (!(instance instanceof Driver)) {
                throw new IllegalArgumentException("driverClassName (" + driverClassName
                        + ") does not implement java.sql.Driver");
            }
            Driver driver = (Driver) instance;
            try {
                if (!driver.acceptsURL(jdbcUrl)) {
                    throw new IllegalArgumentException("driverClassName (" + driverClassName
                            + ") does not accept jdbcUrl " + masked);
                }
            } catch (SQLException e) {
                throw new IllegalArgumentException("driverClassName (" + driverClassName
                        + ") cannot check jdbcUrl " + masked + ": " + SecretMasking.mask(e.getMessage()), e);
            }
            return driver;
        }
        try {
            return DriverManager.getDriver(jdbcUrl);
        } catch (SQLException e) {
            throw new IllegalArgumentException("no registered JDBC driver accepts jdbcUrl " + masked
                    + "; put the driver on the class path or set driverClassName", e);
        }
    }

    private static Object instantiate(String className, String option) {
        Class<?> type = null;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, LagoonDataSource.class.getClassLoader()}) {
            if (loader == null || type != null) {
                continue;
            }
            try {
                type = Class.forName(className, true, loader);
            } catch (ClassNotFoundException ignored) {
                // try the next loader
            }
        }
        if (type == null) {
            throw new IllegalArgumentException(option + " (" + className + ") cannot be found on the class path");
        }
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new IllegalArgumentException(option + " (" + className
                    + ") cannot be created with its no-argument constructor: " + e, e);
        }
    }

    private static void requireNotBlank(String option, String value) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(option + " must be null (unset) or a statement, not blank");
        }
    }

    /**
     * @param name an isolation name, with or without {@code TRANSACTION_}, or its JDBC number
     * @return the JDBC constant, or -1 for {@code null} (the driver's default)
     */
    static int parseIsolation(String name) {
        if (name == null) {
            return -1;
        }
        String n = name.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
        if (n.startsWith("TRANSACTION_")) {
            n = n.substring("TRANSACTION_".length());
        }
        switch (n) {
            case "READ_UNCOMMITTED":
            case "1":
                return Connection.TRANSACTION_READ_UNCOMMITTED;
            case "READ_COMMITTED":
            case "2":
                return Connection.TRANSACTION_READ_COMMITTED;
            case "REPEATABLE_READ":
            case "4":
                return Connection.TRANSACTION_REPEATABLE_READ;
            case "SERIALIZABLE":
            case "8":
                return Connection.TRANSACTION_SERIALIZABLE;
            default:
                throw new IllegalArgumentException("transactionIsolation (" + name + ") must be one of"
                        + " READ_UNCOMMITTED, READ_COMMITTED, REPEATABLE_READ, SERIALIZABLE"
                        + " (optionally prefixed with TRANSACTION_), or null for the driver's default");
        }
    }

    static String isolationName(int level) {
        switch (level) {
            case Connection.TRANSACTION_READ_UNCOMMITTED:
                return "READ_UNCOMMITTED";
            case Connection.TRANSACTION_READ_COMMITTED:
                return "READ_COMMITTED";
            case Connection.TRANSACTION_REPEATABLE_READ:
                return "REPEATABLE_READ";
            case Connection.TRANSACTION_SERIALIZABLE:
                return "SERIALIZABLE";
            default:
                throw new IllegalArgumentException("transactionIsolation (" + level + ") must be one of"
                        + " Connection.TRANSACTION_READ_UNCOMMITTED (1), READ_COMMITTED (2),"
                        + " REPEATABLE_READ (4) or SERIALIZABLE (8)");
        }
    }

    // =========================================================================================
    // JavaBean options: where connections come from
    // =========================================================================================

    /** @return the JDBC URL, or {@code null} */
    public String getJdbcUrl() { return jdbcUrl; }
    /** @param jdbcUrl the JDBC URL; secrets in it are masked wherever it is shown */
    public void setJdbcUrl(String jdbcUrl) { checkMutable("jdbcUrl"); this.jdbcUrl = jdbcUrl; }

    /** @return the database user, or {@code null} */
    public String getUsername() { return username; }
    /** @param username the database user */
    public void setUsername(String username) { checkMutable("username"); this.username = username; }

    /** @param password the database password; never shown (there is deliberately no getter) */
    public void setPassword(String password) { checkMutable("password"); this.password = password; }

    /** @return the driver class name, or {@code null} to ask {@link DriverManager} */
    public String getDriverClassName() { return driverClassName; }
    /** @param driverClassName a {@link Driver} class to use with {@code jdbcUrl} */
    public void setDriverClassName(String driverClassName) {
        checkMutable("driverClassName");
        this.driverClassName = driverClassName;
    }

    /** @return the vendor {@code DataSource} class name, or {@code null} */
    public String getDataSourceClassName() { return dataSourceClassName; }
    /** @param dataSourceClassName a vendor {@link DataSource} class with a no-argument constructor */
    public void setDataSourceClassName(String dataSourceClassName) {
        checkMutable("dataSourceClassName");
        this.dataSourceClassName = dataSourceClassName;
    }

    /** @return a copy of the driver or vendor data source properties */
    public Properties getDataSourceProperties() {
        Properties copy = new Properties();
        copy.putAll(dataSourceProperties);
        return copy;
    }

    /**
     * @param properties replaces the properties: connection properties for the driver with
     *                   {@code jdbcUrl}, bean properties with {@code dataSourceClassName}
     */
    public void setDataSourceProperties(Properties properties) {
        checkMutable("dataSourceProperties");
        dataSourceProperties.clear();
        if (properties != null) {
            dataSourceProperties.putAll(properties);
        }
    }

    /**
     * @param name  a property name
     * @param value its value
     */
    public void addDataSourceProperty(String name, Object value) {
        checkMutable("dataSourceProperties");
        dataSourceProperties.put(name, value);
    }

    /** @return the vendor data source instance, or {@code null} */
    public DataSource getDataSource() { return dataSource; }
    /** @param dataSource a ready vendor data source to pool */
    public void setDataSource(DataSource dataSource) { checkMutable("dataSource"); this.dataSource = dataSource; }

    /** @return the credentials provider, or {@code null} when username/password are used */
    public CredentialsProvider getCredentialsProvider() { return credentialsProvider; }
    /** @param provider called for every new physical connection; excludes username/password */
    public void setCredentialsProvider(CredentialsProvider provider) {
        checkMutable("credentialsProvider");
        this.credentialsProvider = provider;
    }

    // =========================================================================================
    // JavaBean options: JDBC behaviour
    // =========================================================================================

    /** @return SQL run once on every new connection, or {@code null} */
    public String getConnectionInitSql() { return connectionInitSql; }
    /** @param sql run once on every new connection (committed if auto-commit is off) */
    public void setConnectionInitSql(String sql) { checkMutable("connectionInitSql"); this.connectionInitSql = sql; }

    /** @return the validation query, or {@code null} for {@link Connection#isValid} */
    public String getValidationQuery() { return validationQuery; }
    /** @param sql a query to validate connections with; {@code null} (default) uses {@code isValid} */
    public void setValidationQuery(String sql) { checkMutable("validationQuery"); this.validationQuery = sql; }

    /** @return the auto-commit mode borrowers start with */
    public boolean isAutoCommit() { return autoCommit; }
    /** @param autoCommit the auto-commit mode borrowers start with [true] */
    public void setAutoCommit(boolean autoCommit) { checkMutable("autoCommit"); this.autoCommit = autoCommit; }

    /** @return the isolation borrowers start with, or {@code null} for the driver's default */
    public String getTransactionIsolation() { return transactionIsolation; }
    /**
     * @param isolation {@code READ_UNCOMMITTED}, {@code READ_COMMITTED}, {@code REPEATABLE_READ}
     *                  or {@code SERIALIZABLE} (optionally with {@code TRANSACTION_}), or
     *                  {@code null} for the driver's default [null]
     */
    public void setTransactionIsolation(String isolation) {
        checkMutable("transactionIsolation");
        this.transactionIsolation = isolation;
    }

    /** @return the read-only flag borrowers start with */
    public boolean isReadOnly() { return readOnly; }
    /** @param readOnly the read-only flag borrowers start with [false] */
    public void setReadOnly(boolean readOnly) { checkMutable("readOnly"); this.readOnly = readOnly; }

    /** @return the catalog borrowers start in, or {@code null} for the driver's */
    public String getCatalog() { return catalog; }
    /** @param catalog the catalog borrowers start in [driver's] */
    public void setCatalog(String catalog) { checkMutable("catalog"); this.catalog = catalog; }

    /** @return the schema borrowers start in, or {@code null} for the driver's */
    public String getSchema() { return schema; }
    /** @param schema the schema borrowers start in [driver's] */
    public void setSchema(String schema) { checkMutable("schema"); this.schema = schema; }

    /** @return whether uncommitted work is rolled back on return */
    public boolean isRollbackOnReturn() { return rollbackOnReturn; }
    /** @param rollback roll back uncommitted work on return when auto-commit is off [true] */
    public void setRollbackOnReturn(boolean rollback) { checkMutable("rollbackOnReturn"); this.rollbackOnReturn = rollback; }

    /** @return idle prepared statements kept per connection */
    public int getStatementCacheSize() { return statementCacheSize; }
    /** @param size idle prepared statements kept per connection, 0 to 10,000 [0 = off] */
    public void setStatementCacheSize(int size) { checkMutable("statementCacheSize"); this.statementCacheSize = size; }

    /** @return the added classifiers, in the order they are asked */
    public List<BrokenConnectionClassifier> getBrokenConnectionClassifiers() { return List.copyOf(classifiers); }
    /** @param classifier asked before the service-loaded and standard classifiers */
    public void addBrokenConnectionClassifier(BrokenConnectionClassifier classifier) {
        checkMutable("brokenConnectionClassifiers");
        if (classifier == null) {
            throw new IllegalArgumentException("classifier must not be null");
        }
        classifiers.add(classifier);
    }

    // =========================================================================================
    // JavaBean options: the core pool (see PoolConfig for defaults and ranges)
    // =========================================================================================

    /** @return connections kept open even when idle */
    public int getMinSize() { return minSize; }
    /** @param v connections kept open even when idle [2] */
    public void setMinSize(int v) { checkMutable("minSize"); minSize = v; }
    /** @return the most connections held */
    public int getMaxSize() { return maxSize; }
    /** @param v the most connections held [10] */
    public void setMaxSize(int v) { checkMutable("maxSize"); maxSize = v; }
    /** @return connections opened at start, or {@code null} for minSize */
    public Integer getInitialSize() { return initialSize; }
    /** @param v connections opened at start [= minSize] */
    public void setInitialSize(Integer v) { checkMutable("initialSize"); initialSize = v; }
    /** @return how long getConnection waits */
    public Duration getAcquireTimeout() { return acquireTimeout; }
    /** @param v how long getConnection waits [30 s] */
    public void setAcquireTimeout(Duration v) { checkMutable("acquireTimeout"); acquireTimeout = v; }
    /** @return idle time before a connection above minSize is closed */
    public Duration getIdleTimeout() { return idleTimeout; }
    /** @param v idle time before a connection above minSize is closed [10 min; zero = never] */
    public void setIdleTimeout(Duration v) { checkMutable("idleTimeout"); idleTimeout = v; }
    /** @return the age at which a connection is retired */
    public Duration getMaxLifetime() { return maxLifetime; }
    /** @param v the age at which a connection is retired [30 min; zero = never] */
    public void setMaxLifetime(Duration v) { checkMutable("maxLifetime"); maxLifetime = v; }
    /** @return leases per connection before it is retired */
    public long getMaxBorrows() { return maxBorrows; }
    /** @param v leases per connection before it is retired [0 = unlimited] */
    public void setMaxBorrows(long v) { checkMutable("maxBorrows"); maxBorrows = v; }
    /** @return whether connections are validated before they are handed out */
    public boolean isValidateOnAcquire() { return validateOnAcquire; }
    /** @param v validate before handing out [true] */
    public void setValidateOnAcquire(boolean v) { checkMutable("validateOnAcquire"); validateOnAcquire = v; }
    /** @return whether connections are validated on return */
    public boolean isValidateOnRelease() { return validateOnRelease; }
    /** @param v validate on return [false] */
    public void setValidateOnRelease(boolean v) { checkMutable("validateOnRelease"); validateOnRelease = v; }
    /** @return the longest a validation may take */
    public Duration getValidationTimeout() { return validationTimeout; }
    /** @param v the longest a validation may take, also its network timeout [5 s] */
    public void setValidationTimeout(Duration v) { checkMutable("validationTimeout"); validationTimeout = v; }
    /** @return how recently used a connection may be to skip validation */
    public Duration getValidationBypassWindow() { return validationBypassWindow; }
    /** @param v skip validation for connections used this recently [500 ms; zero = always validate] */
    public void setValidationBypassWindow(Duration v) { checkMutable("validationBypassWindow"); validationBypassWindow = v; }
    /** @return the most borrowers waiting at once */
    public int getMaxWaitQueueSize() { return maxWaitQueueSize; }
    /** @param v the most borrowers waiting at once [1000] */
    public void setMaxWaitQueueSize(int v) { checkMutable("maxWaitQueueSize"); maxWaitQueueSize = v; }
    /** @return the waiter ordering */
    public Fairness getFairness() { return fairness; }
    /** @param v the waiter ordering [FIFO] */
    public void setFairness(Fairness v) { checkMutable("fairness"); fairness = v; }
    /** @return how many connections may be opened at once */
    public int getMaxConcurrentCreates() { return maxConcurrentCreates; }
    /** @param v how many connections may be opened at once [2] */
    public void setMaxConcurrentCreates(int v) { checkMutable("maxConcurrentCreates"); maxConcurrentCreates = v; }
    /** @return the maintenance period */
    public Duration getMaintenanceInterval() { return maintenanceInterval; }
    /** @param v the maintenance period [30 s] */
    public void setMaintenanceInterval(Duration v) { checkMutable("maintenanceInterval"); maintenanceInterval = v; }
    /** @return how long a lease may be held before it is reported as a suspected leak */
    public Duration getLeakDetectionThreshold() { return leakDetectionThreshold; }
    /** @param v report leases held longer than this to the listeners [zero = off] */
    public void setLeakDetectionThreshold(Duration v) { checkMutable("leakDetectionThreshold"); leakDetectionThreshold = v; }
    /** @return the first delay after a failed connection attempt */
    public Duration getCreationBackoffInitial() { return creationBackoffInitial; }
    /** @param v the first delay after a failed connection attempt; it doubles per failure [10 ms] */
    public void setCreationBackoffInitial(Duration v) { checkMutable("creationBackoffInitial"); creationBackoffInitial = v; }
    /** @return the longest delay between failed connection attempts */
    public Duration getCreationBackoffMax() { return creationBackoffMax; }
    /** @param v the longest delay between failed connection attempts [5 s] */
    public void setCreationBackoffMax(Duration v) { checkMutable("creationBackoffMax"); creationBackoffMax = v; }
    /** @return whether start fails when the initial connections cannot be opened */
    public boolean isFailFast() { return failFast; }
    /** @param v make start fail when the initial connections cannot be opened [false] */
    public void setFailFast(boolean v) { checkMutable("failFast"); failFast = v; }
    /** @param v the pool's name, 1 to 64 characters [lagoon-jdbc-N] */
    public void setPoolName(String v) { checkMutable("poolName"); poolName = v; }
    /** @return the added listeners */
    public List<PoolListener> getPoolListeners() { return List.copyOf(listeners); }
    /** @param listener receives the pool's events */
    public void addPoolListener(PoolListener listener) {
        checkMutable("poolListeners");
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        listeners.add(listener);
    }

    // =========================================================================================
    // Builder
    // =========================================================================================

    /**
     * Collects the options of a {@link LagoonDataSource}; each method is named like the setter
     * without {@code set}. {@link #build()} validates every option once (throwing
     * {@link IllegalArgumentException} naming the bad one) and returns the data source with its
     * options frozen; the pool starts on the first {@code getConnection()} or {@code start()}.
     * A builder builds one data source. Not thread-safe.
     */
    public static final class Builder {
        private final LagoonDataSource ds = new LagoonDataSource();

        private Builder() {
        }

        /** @param v the JDBC URL @return this */
        public Builder jdbcUrl(String v) { ds.setJdbcUrl(v); return this; }
        /** @param v the database user @return this */
        public Builder username(String v) { ds.setUsername(v); return this; }
        /** @param v the database password @return this */
        public Builder password(String v) { ds.setPassword(v); return this; }
        /** @param v a {@link Driver} class for the URL @return this */
        public Builder driverClassName(String v) { ds.setDriverClassName(v); return this; }
        /** @param v a vendor {@link DataSource} class @return this */
        public Builder dataSourceClassName(String v) { ds.setDataSourceClassName(v); return this; }
        /** @param v driver or vendor data source properties, replacing earlier ones @return this */
        public Builder dataSourceProperties(Properties v) { ds.setDataSourceProperties(v); return this; }
        /** @param name a property @param value its value @return this */
        public Builder dataSourceProperty(String name, Object value) { ds.addDataSourceProperty(name, value); return this; }
        /** @param v a ready vendor data source @return this */
        public Builder dataSource(DataSource v) { ds.setDataSource(v); return this; }
        /** @param v called for every new connection @return this */
        public Builder credentialsProvider(CredentialsProvider v) { ds.setCredentialsProvider(v); return this; }
        /** @param v SQL run on every new connection @return this */
        public Builder connectionInitSql(String v) { ds.setConnectionInitSql(v); return this; }
        /** @param v the validation query @return this */
        public Builder validationQuery(String v) { ds.setValidationQuery(v); return this; }
        /** @param v default auto-commit @return this */
        public Builder autoCommit(boolean v) { ds.setAutoCommit(v); return this; }
        /** @param v default isolation by name @return this */
        public Builder transactionIsolation(String v) { ds.setTransactionIsolation(v); return this; }
        /** @param level default isolation as a {@code Connection.TRANSACTION_*} constant @return this */
        public Builder transactionIsolation(int level) { ds.setTransactionIsolation(isolationName(level)); return this; }
        /** @param v default read-only flag @return this */
        public Builder readOnly(boolean v) { ds.setReadOnly(v); return this; }
        /** @param v default catalog @return this */
        public Builder catalog(String v) { ds.setCatalog(v); return this; }
        /** @param v default schema @return this */
        public Builder schema(String v) { ds.setSchema(v); return this; }
        /** @param v roll back on return @return this */
        public Builder rollbackOnReturn(boolean v) { ds.setRollbackOnReturn(v); return this; }
        /** @param v prepared statements cached per connection @return this */
        public Builder statementCacheSize(int v) { ds.setStatementCacheSize(v); return this; }
        /** @param v a broken-connection classifier to add @return this */
        public Builder brokenConnectionClassifier(BrokenConnectionClassifier v) { ds.addBrokenConnectionClassifier(v); return this; }
        /** @param v seconds, for a vendor data source @return this */
        public Builder loginTimeout(int v) { ds.setLoginTimeout(v); return this; }

        /** @param v minimum size @return this */
        public Builder minSize(int v) { ds.setMinSize(v); return this; }
        /** @param v maximum size @return this */
        public Builder maxSize(int v) { ds.setMaxSize(v); return this; }
        /** @param v initial size @return this */
        public Builder initialSize(int v) { ds.setInitialSize(v); return this; }
        /** @param v acquire timeout @return this */
        public Builder acquireTimeout(Duration v) { ds.setAcquireTimeout(v); return this; }
        /** @param v idle timeout @return this */
        public Builder idleTimeout(Duration v) { ds.setIdleTimeout(v); return this; }
        /** @param v maximum lifetime @return this */
        public Builder maxLifetime(Duration v) { ds.setMaxLifetime(v); return this; }
        /** @param v leases per connection @return this */
        public Builder maxBorrows(long v) { ds.setMaxBorrows(v); return this; }
        /** @param v validate before handing out @return this */
        public Builder validateOnAcquire(boolean v) { ds.setValidateOnAcquire(v); return this; }
        /** @param v validate on return @return this */
        public Builder validateOnRelease(boolean v) { ds.setValidateOnRelease(v); return this; }
        /** @param v validation timeout @return this */
        public Builder validationTimeout(Duration v) { ds.setValidationTimeout(v); return this; }
        /** @param v validation bypass window @return this */
        public Builder validationBypassWindow(Duration v) { ds.setValidationBypassWindow(v); return this; }
        /** @param v wait queue bound @return this */
        public Builder maxWaitQueueSize(int v) { ds.setMaxWaitQueueSize(v); return this; }
        /** @param v waiter ordering @return this */
        public Builder fairness(Fairness v) { ds.setFairness(v); return this; }
        /** @param v concurrent creations @return this */
        public Builder maxConcurrentCreates(int v) { ds.setMaxConcurrentCreates(v); return this; }
        /** @param v maintenance period @return this */
        public Builder maintenanceInterval(Duration v) { ds.setMaintenanceInterval(v); return this; }
        /** @param v leak report threshold @return this */
        public Builder leakDetectionThreshold(Duration v) { ds.setLeakDetectionThreshold(v); return this; }
        /** @param v first creation back-off @return this */
        public Builder creationBackoffInitial(Duration v) { ds.setCreationBackoffInitial(v); return this; }
        /** @param v longest creation back-off @return this */
        public Builder creationBackoffMax(Duration v) { ds.setCreationBackoffMax(v); return this; }
        /** @param v fail start on connection failure @return this */
        public Builder failFast(boolean v) { ds.setFailFast(v); return this; }
        /** @param v the pool's name @return this */
        public Builder poolName(String v) { ds.setPoolName(v); return this; }
        /** @param v a listener to add @return this */
        public Builder listener(PoolListener v) { ds.addPoolListener(v); return this; }

        /**
         * Validates every option and freezes them.
         *
         * @return the data source, not yet started
         * @throws IllegalArgumentException naming the first invalid option
         * @throws IllegalStateException    if this builder already built its data source
         */
        public LagoonDataSource build() {
            ds.lifecycle.lock();
            try {
                if (ds.frozen != null) {
                    throw new IllegalStateException("this builder already built LagoonDataSource '"
                            + ds.getPoolName() + "'");
                }
                ds.freeze();
            } finally {
                ds.lifecycle.unlock();
            }
            return ds;
        }
    }
}
