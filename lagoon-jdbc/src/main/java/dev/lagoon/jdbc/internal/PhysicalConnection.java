package dev.lagoon.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.Executor;

/**
 * One pooled driver connection and what the pool knows about it: the state every borrower
 * must start from (the <em>baseline</em>), what the current borrower changed (the
 * <em>dirty</em> bits), its statement cache, and whether it is broken.
 *
 * <h2>Threads</h2>
 * The baseline and lease fields are touched only by the thread that holds the connection's
 * lease, by the core pool's threads while no lease exists ({@code create}, {@code validate},
 * {@code close}), and by the releasing thread in {@code reset}; the core's lease hand-off
 * orders those accesses, so they are plain fields. {@link #broken} is volatile because a
 * borrower may share its {@code Connection} with another thread (to cancel a statement, say).
 */
public final class PhysicalConnection {

    static final int AUTO_COMMIT = 1;
    static final int ISOLATION = 1 << 1;
    static final int READ_ONLY = 1 << 2;
    static final int CATALOG = 1 << 3;
    static final int SCHEMA = 1 << 4;
    static final int NETWORK_TIMEOUT = 1 << 5;

    /** {@code setNetworkTimeout} needs an executor; the drivers we know either ignore it or run a short task. */
    private static final Executor DIRECT = Runnable::run;

    private final Connection raw;
    private final JdbcConnectionFactory factory;
    private final StatementCache statementCache;

    // the baseline: what every borrower starts with; "known" once read or configured
    private boolean baselineAutoCommit;
    private boolean baselineReadOnly;
    private int baselineIsolation;
    private boolean isolationKnown;
    private String baselineCatalog;
    private boolean catalogKnown;
    private String baselineSchema;
    private boolean schemaKnown;
    private int baselineNetworkTimeout;
    private boolean networkTimeoutSupported;

    // the current lease: what its borrower changed, and to what
    private int dirty;
    private boolean leaseAutoCommit;
    private int leaseIsolation;
    private boolean leaseReadOnly;
    private String leaseCatalog;
    private String leaseSchema;
    private boolean exposed;

    private volatile boolean broken;

    PhysicalConnection(Connection raw, JdbcConnectionFactory factory, int statementCacheSize) {
        this.raw = raw;
        this.factory = factory;
        this.statementCache = statementCacheSize > 0 ? new StatementCache(statementCacheSize) : null;
    }

    /** @return the driver's connection */
    public Connection raw() {
        return raw;
    }

    /** @return the factory that made this connection */
    public JdbcConnectionFactory factory() {
        return factory;
    }

    /** @return the statement cache, or {@code null} when caching is off */
    public StatementCache statementCache() {
        return statementCache;
    }

    /** @return whether an exception classified this connection as broken */
    public boolean isBroken() {
        return broken;
    }

    /** Marks the connection broken: it is destroyed when its lease ends. */
    public void markBroken() {
        broken = true;
    }

    /**
     * Marks the connection broken if the classifiers say this exception means so.
     *
     * @param e an exception the driver threw for this connection
     */
    void classify(SQLException e) {
        if (!broken && factory.settings().classification().isBroken(e)) {
            broken = true;
        }
    }

    // ---- set-up, called by the factory on a creator thread --------------------------------

    void captureNetworkTimeout() {
        try {
            baselineNetworkTimeout = raw.getNetworkTimeout();
            networkTimeoutSupported = true;
        } catch (SQLException | AbstractMethodError | UnsupportedOperationException e) {
            networkTimeoutSupported = false;
        }
    }

    void initialBaseline(boolean autoCommit, boolean readOnly) {
        baselineAutoCommit = autoCommit;
        baselineReadOnly = readOnly;
    }

    void configuredIsolation(int level) {
        baselineIsolation = level;
        isolationKnown = true;
    }

    void configuredCatalog(String catalog) {
        baselineCatalog = catalog;
        catalogKnown = true;
    }

    void configuredSchema(String schema) {
        baselineSchema = schema;
        schemaKnown = true;
    }

    /**
     * Bounds the connection's blocking network calls by {@code millis} until
     * {@link #restoreNetworkTimeout()}.
     *
     * @param millis the bound
     * @return whether the bound was applied (the driver supports network timeouts)
     */
    boolean boundNetworkTimeout(int millis) {
        if (!networkTimeoutSupported) {
            return false;
        }
        try {
            raw.setNetworkTimeout(DIRECT, millis);
            return true;
        } catch (SQLFeatureNotSupportedException | AbstractMethodError | UnsupportedOperationException e) {
            networkTimeoutSupported = false;
            return false;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Puts the network timeout back to the baseline. */
    void restoreNetworkTimeout() throws SQLException {
        raw.setNetworkTimeout(DIRECT, baselineNetworkTimeout);
    }

    // ---- the lease, called on the borrower's thread --------------------------------------

    /** Starts a lease with nothing changed. */
    void beginLease() {
        dirty = 0;
        exposed = false;
    }

    void changeAutoCommit(boolean value) {
        dirty |= AUTO_COMMIT;
        leaseAutoCommit = value;
    }

    void changeIsolation(int value) throws SQLException {
        if (!isolationKnown) {
            baselineIsolation = raw.getTransactionIsolation();
            isolationKnown = true;
        }
        dirty |= ISOLATION;
        leaseIsolation = value;
    }

    void changeReadOnly(boolean value) {
        dirty |= READ_ONLY;
        leaseReadOnly = value;
    }

    void changeCatalog(String value) throws SQLException {
        if (!catalogKnown) {
            baselineCatalog = raw.getCatalog();
            catalogKnown = true;
        }
        dirty |= CATALOG;
        leaseCatalog = value;
    }

    void changeSchema(String value) throws SQLException {
        if (!schemaKnown) {
            baselineSchema = raw.getSchema();
            schemaKnown = true;
        }
        dirty |= SCHEMA;
        leaseSchema = value;
    }

    void changeNetworkTimeout() {
        dirty |= NETWORK_TIMEOUT;
    }

    /**
     * The borrower is about to reach the driver's connection directly ({@code unwrap}), so
     * nothing it changes can be tracked: learn every baseline now and restore all of them on
     * return.
     */
    void expose() throws SQLException {
        if (!isolationKnown) {
            baselineIsolation = raw.getTransactionIsolation();
            isolationKnown = true;
        }
        if (!catalogKnown) {
            baselineCatalog = raw.getCatalog();
            catalogKnown = true;
        }
        if (!schemaKnown) {
            try {
                baselineSchema = raw.getSchema();
            } catch (SQLFeatureNotSupportedException | AbstractMethodError e) {
                baselineSchema = null;
            }
            schemaKnown = true;
        }
        exposed = true;
    }

    // ---- the return, called by the core pool on the releasing thread ---------------------

    /**
     * Restores what the borrower changed, rolls back work it left uncommitted, and clears
     * warnings. Network calls are bounded by the validation timeout, so a dead server cannot
     * hold the releasing thread.
     *
     * @throws SQLException when the connection cannot be restored (the pool then destroys it)
     */
    void reset() throws SQLException {
        JdbcSettings settings = factory.settings();
        boolean all = exposed;
        int changed = dirty;
        boolean autoCommitNow = all ? raw.getAutoCommit()
                : (changed & AUTO_COMMIT) != 0 ? leaseAutoCommit : baselineAutoCommit;
        boolean rollback = settings.rollbackOnReturn() && !autoCommitNow;
        boolean autoCommit = all || (changed & AUTO_COMMIT) != 0 && leaseAutoCommit != baselineAutoCommit;
        boolean isolation = isolationKnown && baselineIsolation != Connection.TRANSACTION_NONE
                && (all || (changed & ISOLATION) != 0 && leaseIsolation != baselineIsolation);
        boolean readOnly = all || (changed & READ_ONLY) != 0 && leaseReadOnly != baselineReadOnly;
        boolean catalog = catalogKnown && baselineCatalog != null
                && (all || (changed & CATALOG) != 0 && !baselineCatalog.equals(leaseCatalog));
        boolean schema = schemaKnown && baselineSchema != null
                && (all || (changed & SCHEMA) != 0 && !baselineSchema.equals(leaseSchema));
        boolean networkTimeout = networkTimeoutSupported && (all || (changed & NETWORK_TIMEOUT) != 0);
        boolean bounded = (rollback || autoCommit || isolation || readOnly || catalog || schema)
                && boundNetworkTimeout(factory.validationMillis());
        try {
            if (rollback) {
                raw.rollback();
            }
            if (autoCommit) {
                raw.setAutoCommit(baselineAutoCommit);
            }
            if (isolation) {
                raw.setTransactionIsolation(baselineIsolation);
            }
            if (readOnly) {
                raw.setReadOnly(baselineReadOnly);
            }
            if (catalog) {
                raw.setCatalog(baselineCatalog);
            }
            if (schema) {
                raw.setSchema(baselineSchema);
            }
            raw.clearWarnings();
        } finally {
            if (bounded || networkTimeout) {
                restoreNetworkTimeout();
            }
        }
        dirty = 0;
        exposed = false;
    }

    /** Closes the cached statements and the driver's connection. */
    void destroy() throws SQLException {
        try {
            if (statementCache != null) {
                statementCache.closeAll();
            }
        } finally {
            raw.close();
        }
    }
}
