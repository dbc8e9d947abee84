package dev.lagoon.jdbc.internal;

import dev.lagoon.internal.PoolEngine;
import dev.lagoon.internal.Slot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * The {@link Connection} a borrower gets: one object per lease over a pooled
 * {@link PhysicalConnection}.
 *
 * <ul>
 *   <li>{@link #close()} closes the statements opened through it, then returns the physical
 *       connection to the pool (or has it destroyed when it was found broken). A second
 *       {@code close()} does nothing.</li>
 *   <li>After {@code close()} every method but {@code close}, {@code isClosed},
 *       {@code isValid} and {@code abort} throws {@link SQLException} with SQLState
 *       {@code 08003}; statements and result sets obtained through it do the same, so a
 *       stale reference never reaches the next borrower's connection.</li>
 *   <li>Every {@link SQLException} from the driver goes through the broken-connection
 *       classifiers before it is rethrown unchanged.</li>
 *   <li>The setters for auto-commit, isolation, read-only, catalog, schema and network
 *       timeout record what the borrower changed, so the return restores exactly that.</li>
 *   <li>{@link #unwrap} reaches the driver's objects; once the driver's connection has been
 *       handed out, the return restores every setting, since changes made through it cannot
 *       be seen.</li>
 *   <li>{@link #abort} aborts the driver's connection and has the pool destroy it.</li>
 * </ul>
 *
 * <p>Threads: like the drivers' own connections it may be used from several threads, except
 * that statements should be created and closed by one thread at a time (their tracking list
 * is not synchronized, as in HikariCP). {@link #close()} and {@link #abort} may be called from
 * any thread.
 */
public final class LeasedConnection implements Connection {

    private static final Logger LOG = LoggerFactory.getLogger(LeasedConnection.class);
    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(LeasedConnection.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // the lease itself: the slot and the stamp of this borrow (no separate Lease object, so a
    // borrow allocates this wrapper and nothing else)
    private final PoolEngine<PhysicalConnection> pool;
    private final Slot<PhysicalConnection> slot;
    private final long stamp;
    private final PhysicalConnection pc;
    private final Connection raw;
    /**
     * Set once. When the return will touch the connection (a reset, a validation) it is set by
     * compare-and-set ({@link #CLOSED}): the core returns a lease once and leaves that guard to
     * its callers, and a JDBC connection may be closed (or aborted) from any thread, so two
     * racing {@code close()} calls must not both reset it. An untouched lease's return does
     * not touch the connection, so a release store does (no fence on the hot path).
     */
    private volatile boolean closed;
    /**
     * Whether this lease has reached the driver (any method but {@code close}). A lease that
     * has not cannot have changed anything: its return skips the reset, and it needs no guard against two
     * racing {@code close()} calls because neither touches the connection. A plain field: set
     * by the lease's own threads before they call the driver, read by {@code close()}.
     */
    private boolean touched;
    /** Statements opened through this lease and not yet closed; created lazily. */
    private ArrayList<StatementWrapper> statements;

    /**
     * Starts a lease's view of its connection.
     *
     * @param pool the core pool
     * @param slot the slot just borrowed from it ({@link PoolEngine#acquireSlot()})
     */
    public LeasedConnection(PoolEngine<PhysicalConnection> pool, Slot<PhysicalConnection> slot) {
        this.pool = pool;
        this.slot = slot;
        this.stamp = slot.stamp();
        this.pc = slot.connection();
        this.raw = pc.raw();
        pc.beginLease();
    }

    // ---- plumbing shared with the statement, result set and metadata wrappers ------------

    void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("Connection is closed", "08003");
        }
        touched = true;
    }

    boolean isLogicallyClosed() {
        return closed;
    }

    /** Classifies a driver exception (possibly marking the connection broken) and returns it. */
    SQLException onError(SQLException e) {
        pc.classify(e);
        return e;
    }

    /** @return the pooled connection this lease holds */
    public PhysicalConnection physical() {
        return pc;
    }

    private <S extends StatementWrapper> S track(S statement) {
        if (statements == null) {
            statements = new ArrayList<>(4);
        }
        statements.add(statement);
        return statement;
    }

    void untrack(StatementWrapper statement) {
        ArrayList<StatementWrapper> list = statements;
        if (list != null) {
            for (int i = list.size() - 1; i >= 0; i--) {
                if (list.get(i) == statement) {
                    list.remove(i);
                    return;
                }
            }
        }
    }

    /** @return how many statements opened through this lease are still open (for tests) */
    public int openStatementCount() {
        return statements == null ? 0 : statements.size();
    }

    // ---- lifecycle -----------------------------------------------------------------------

    /**
     * Closes the statements opened through this connection and returns the physical
     * connection to the pool, or has the pool destroy it when it was found broken. Never
     * throws: a failure while closing statements is classified and logged.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (!touched && !pool.validatesOnRelease() && !pc.isBroken()) {
            CLOSED.setRelease(this, true);
            pool.releaseUnused(slot, stamp);
            return;
        }
        if (!CLOSED.compareAndSet(this, false, true)) {
            return;
        }
        try {
            closeStatements();
        } finally {
            if (pc.isBroken()) {
                pool.invalidate(slot, stamp);
            } else {
                pool.release(slot, stamp);
            }
        }
    }

    private void closeStatements() {
        ArrayList<StatementWrapper> list = statements;
        statements = null;
        if (list == null) {
            return;
        }
        for (int i = list.size() - 1; i >= 0; i--) {
            try {
                list.get(i).closeByConnection();
            } catch (SQLException e) {
                onError(e);
                LOG.debug("Closing a statement the borrower left open failed", e);
            }
        }
    }

    @Override
    public boolean isClosed() throws SQLException {
        if (closed) {
            return true;
        }
        touched = true;
        try {
            return raw.isClosed();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    /** {@return false once closed; otherwise the driver's answer, and a false answer marks the connection broken} */
    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (closed) {
            return false;
        }
        touched = true;
        try {
            boolean valid = raw.isValid(timeout);
            if (!valid) {
                pc.markBroken();
            }
            return valid;
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    /**
     * Aborts the driver's connection and has the pool destroy it; this lease ends. Statements
     * opened through it are not closed one by one: the driver's abort releases them.
     */
    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw new SQLException("abort needs an executor, not null", "HY009");
        }
        if (closed || !CLOSED.compareAndSet(this, false, true)) {
            return;
        }
        statements = null;
        pc.markBroken();
        try {
            raw.abort(executor);
        } finally {
            pool.invalidate(slot, stamp);
        }
    }

    // ---- tracked state ---------------------------------------------------------------------

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        pc.changeAutoCommit(autoCommit);
        try {
            raw.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        try {
            pc.changeIsolation(level);
            raw.setTransactionIsolation(level);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        pc.changeReadOnly(readOnly);
        try {
            raw.setReadOnly(readOnly);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        checkOpen();
        try {
            pc.changeCatalog(catalog);
            raw.setCatalog(catalog);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        checkOpen();
        try {
            pc.changeSchema(schema);
            raw.setSchema(schema);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        checkOpen();
        pc.changeNetworkTimeout();
        try {
            raw.setNetworkTimeout(executor, milliseconds);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    // ---- statements ---------------------------------------------------------------------

    @Override
    public Statement createStatement() throws SQLException {
        checkOpen();
        try {
            return track(new StatementWrapper(this, raw.createStatement()));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        checkOpen();
        try {
            return track(new StatementWrapper(this, raw.createStatement(resultSetType, resultSetConcurrency)));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        checkOpen();
        try {
            return track(new StatementWrapper(this,
                    raw.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability)));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        if (pc.statementCache() == null) { // the common case: no cache, so no key to build
            checkOpen();
            try {
                return track(new PreparedStatementWrapper(this, raw.prepareStatement(sql), null));
            } catch (SQLException e) {
                throw onError(e);
            }
        }
        return prepare(new StatementKey(sql, StatementKey.PLAIN, 0, 0, 0));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        return prepare(new StatementKey(sql, StatementKey.TYPED, resultSetType, resultSetConcurrency, 0));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
                                              int resultSetHoldability) throws SQLException {
        return prepare(new StatementKey(sql, StatementKey.HOLDABLE, resultSetType, resultSetConcurrency,
                resultSetHoldability));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return prepare(new StatementKey(sql, StatementKey.GENERATED_KEYS, autoGeneratedKeys, 0, 0));
    }

    /** Takes the statement from the cache when there is one, else prepares it. */
    private PreparedStatement prepare(StatementKey key) throws SQLException {
        checkOpen();
        StatementCache cache = pc.statementCache();
        try {
            if (cache == null) {
                return track(new PreparedStatementWrapper(this, key.prepare(raw), null));
            }
            PreparedStatement ps = cache.take(key);
            if (ps == null || ps.isClosed()) {
                ps = key.prepare(raw);
            }
            return track(new PreparedStatementWrapper(this, ps, key));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        checkOpen();
        try {
            return track(new PreparedStatementWrapper(this, raw.prepareStatement(sql, columnIndexes), null));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        checkOpen();
        try {
            return track(new PreparedStatementWrapper(this, raw.prepareStatement(sql, columnNames), null));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        checkOpen();
        try {
            return track(new CallableStatementWrapper(this, raw.prepareCall(sql)));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        checkOpen();
        try {
            return track(new CallableStatementWrapper(this, raw.prepareCall(sql, resultSetType, resultSetConcurrency)));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
                                         int resultSetHoldability) throws SQLException {
        checkOpen();
        try {
            return track(new CallableStatementWrapper(this,
                    raw.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability)));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        try {
            return new MetaDataWrapper(this, raw.getMetaData());
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    // ---- wrapper ---------------------------------------------------------------------------

    /**
     * Returns this object, the driver's connection, or what the driver's {@code unwrap}
     * returns. Handing out a driver object makes the return restore every setting.
     */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        checkOpen();
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        try {
            pc.expose();
            if (iface.isInstance(raw)) {
                return iface.cast(raw);
            }
            return raw.unwrap(iface);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        checkOpen();
        if (iface.isInstance(this) || iface.isInstance(raw)) {
            return true;
        }
        try {
            return raw.isWrapperFor(iface);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String toString() {
        return "LeasedConnection{connectionId=" + slot.id() + ", closed=" + closed + '}';
    }

    // ---- plain delegation ------------------------------------------------------------------

    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        try {
            return raw.nativeSQL(sql);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        try {
            return raw.getAutoCommit();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void commit() throws SQLException {
        checkOpen();
        try {
            raw.commit();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
        try {
            raw.rollback();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        try {
            return raw.isReadOnly();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        try {
            return raw.getCatalog();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        try {
            return raw.getTransactionIsolation();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        try {
            return raw.getWarnings();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        try {
            raw.clearWarnings();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public java.util.Map<String, Class<?>> getTypeMap() throws SQLException {
        checkOpen();
        try {
            return raw.getTypeMap();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setTypeMap(java.util.Map<String, Class<?>> map) throws SQLException {
        checkOpen();
        try {
            raw.setTypeMap(map);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkOpen();
        try {
            raw.setHoldability(holdability);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        try {
            return raw.getHoldability();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        checkOpen();
        try {
            return raw.setSavepoint();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        checkOpen();
        try {
            return raw.setSavepoint(name);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        checkOpen();
        try {
            raw.rollback(savepoint);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        checkOpen();
        try {
            raw.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public Clob createClob() throws SQLException {
        checkOpen();
        try {
            return raw.createClob();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public Blob createBlob() throws SQLException {
        checkOpen();
        try {
            return raw.createBlob();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public NClob createNClob() throws SQLException {
        checkOpen();
        try {
            return raw.createNClob();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        checkOpen();
        try {
            return raw.createSQLXML();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        checkOpenForClientInfo();
        try {
            raw.setClientInfo(name, value);
        } catch (SQLClientInfoException e) {
            throw (SQLClientInfoException) onError(e);
        }
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        checkOpenForClientInfo();
        try {
            raw.setClientInfo(properties);
        } catch (SQLClientInfoException e) {
            throw (SQLClientInfoException) onError(e);
        }
    }

    private void checkOpenForClientInfo() throws SQLClientInfoException {
        if (closed) {
            throw new SQLClientInfoException("Connection is closed", "08003", 0, null);
        }
        touched = true;
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        checkOpen();
        try {
            return raw.getClientInfo(name);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        checkOpen();
        try {
            return raw.getClientInfo();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        checkOpen();
        try {
            return raw.createArrayOf(typeName, elements);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        checkOpen();
        try {
            return raw.createStruct(typeName, attributes);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        try {
            return raw.getSchema();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        try {
            return raw.getNetworkTimeout();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void beginRequest() throws SQLException {
        checkOpen();
        try {
            raw.beginRequest();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void endRequest() throws SQLException {
        checkOpen();
        try {
            raw.endRequest();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean setShardingKeyIfValid(ShardingKey shardingKey, ShardingKey superShardingKey, int timeout) throws SQLException {
        checkOpen();
        try {
            return raw.setShardingKeyIfValid(shardingKey, superShardingKey, timeout);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean setShardingKeyIfValid(ShardingKey shardingKey, int timeout) throws SQLException {
        checkOpen();
        try {
            return raw.setShardingKeyIfValid(shardingKey, timeout);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setShardingKey(ShardingKey shardingKey, ShardingKey superShardingKey) throws SQLException {
        checkOpen();
        try {
            raw.setShardingKey(shardingKey, superShardingKey);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setShardingKey(ShardingKey shardingKey) throws SQLException {
        checkOpen();
        try {
            raw.setShardingKey(shardingKey);
        } catch (SQLException e) {
            throw onError(e);
        }
    }
}
