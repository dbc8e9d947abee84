package dev.lagoon.jdbc.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * A borrower's {@link Statement}: tracked by its {@link LeasedConnection} so that it is closed
 * when the connection is returned, answering {@link #getConnection()} with the borrower's
 * connection, wrapping its result sets, and classifying every driver exception.
 *
 * <p>Once closed (by the borrower or by the connection's return) every method but
 * {@code close} and {@code isClosed} throws {@link SQLException}.
 */
public class StatementWrapper implements Statement {

    final LeasedConnection connection;
    private final Statement delegate;
    /** Set by close; read on every call. Plain: a statement is used by one thread at a time. */
    boolean closed;
    /** Whether the borrower changed a statement setting, which makes it unfit for the cache. */
    boolean settingsChanged;

    StatementWrapper(LeasedConnection connection, Statement delegate) {
        this.connection = connection;
        this.delegate = delegate;
    }

    final void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("Statement is closed", "HY010");
        }
    }

    final SQLException onError(SQLException e) {
        return connection.onError(e);
    }

    final ResultSet wrapResultSet(ResultSet rs) {
        return rs == null ? null : new ResultSetWrapper(rs, connection, this);
    }

    boolean isLogicallyClosed() {
        return closed;
    }

    /** Closes the driver's statement; subclasses may keep it in the statement cache instead. */
    void closeDelegate() throws SQLException {
        delegate.close();
    }

    /** Called by the connection's return for a statement the borrower left open. */
    final void closeByConnection() throws SQLException {
        if (!closed) {
            closed = true;
            closeDelegate();
        }
    }

    @Override
    public final void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        connection.untrack(this);
        try {
            closeDelegate();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public final boolean isClosed() throws SQLException {
        if (closed) {
            return true;
        }
        try {
            return delegate.isClosed();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    /** {@return the borrower's connection, never the driver's} */
    @Override
    public final Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    public final <T> T unwrap(Class<T> iface) throws SQLException {
        checkOpen();
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        try {
            connection.physical().expose();
            if (iface.isInstance(delegate)) {
                return iface.cast(delegate);
            }
            return delegate.unwrap(iface);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public final boolean isWrapperFor(Class<?> iface) throws SQLException {
        checkOpen();
        if (iface.isInstance(this) || iface.isInstance(delegate)) {
            return true;
        }
        try {
            return delegate.isWrapperFor(iface);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{closed=" + closed + '}';
    }

    // ---- plain delegation ------------------------------------------------------------------

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.executeQuery(sql));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        checkOpen();
        try {
            return delegate.executeUpdate(sql);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxFieldSize();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen();
        settingsChanged = true;
        try {
            delegate.setMaxFieldSize(max);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxRows() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxRows();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        checkOpen();
        settingsChanged = true;
        try {
            delegate.setMaxRows(max);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
        settingsChanged = true;
        try {
            delegate.setEscapeProcessing(enable);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        try {
            return delegate.getQueryTimeout();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        settingsChanged = true;
        try {
            delegate.setQueryTimeout(seconds);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void cancel() throws SQLException {
        checkOpen();
        try {
            delegate.cancel();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        try {
            return delegate.getWarnings();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        try {
            delegate.clearWarnings();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        checkOpen();
        settingsChanged = true;
        try {
            delegate.setCursorName(name);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        checkOpen();
        try {
            return delegate.execute(sql);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getResultSet());
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getUpdateCount() throws SQLException {
        checkOpen();
        try {
            return delegate.getUpdateCount();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        checkOpen();
        try {
            return delegate.getMoreResults();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        settingsChanged = true;
        try {
            delegate.setFetchDirection(direction);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        try {
            return delegate.getFetchDirection();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        settingsChanged = true;
        try {
            delegate.setFetchSize(rows);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        try {
            return delegate.getFetchSize();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        checkOpen();
        try {
            return delegate.getResultSetConcurrency();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getResultSetType() throws SQLException {
        checkOpen();
        try {
            return delegate.getResultSetType();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        try {
            delegate.addBatch(sql);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        try {
            delegate.clearBatch();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int[] executeBatch() throws SQLException {
        checkOpen();
        try {
            return delegate.executeBatch();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        try {
            return delegate.getMoreResults(current);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getGeneratedKeys());
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        checkOpen();
        try {
            return delegate.executeUpdate(sql, autoGeneratedKeys);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        checkOpen();
        try {
            return delegate.executeUpdate(sql, columnIndexes);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        checkOpen();
        try {
            return delegate.executeUpdate(sql, columnNames);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        checkOpen();
        try {
            return delegate.execute(sql, autoGeneratedKeys);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        checkOpen();
        try {
            return delegate.execute(sql, columnIndexes);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        checkOpen();
        try {
            return delegate.execute(sql, columnNames);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        checkOpen();
        try {
            return delegate.getResultSetHoldability();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        checkOpen();
        settingsChanged = true;
        try {
            delegate.setPoolable(poolable);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean isPoolable() throws SQLException {
        checkOpen();
        try {
            return delegate.isPoolable();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        settingsChanged = true;
        try {
            delegate.closeOnCompletion();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        try {
            return delegate.isCloseOnCompletion();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        try {
            return delegate.getLargeUpdateCount();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        settingsChanged = true;
        try {
            delegate.setLargeMaxRows(max);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        checkOpen();
        try {
            return delegate.getLargeMaxRows();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        try {
            return delegate.executeLargeBatch();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        checkOpen();
        try {
            return delegate.executeLargeUpdate(sql);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        checkOpen();
        try {
            return delegate.executeLargeUpdate(sql, autoGeneratedKeys);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        checkOpen();
        try {
            return delegate.executeLargeUpdate(sql, columnIndexes);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        checkOpen();
        try {
            return delegate.executeLargeUpdate(sql, columnNames);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String enquoteLiteral(String val) throws SQLException {
        checkOpen();
        try {
            return delegate.enquoteLiteral(val);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String enquoteIdentifier(String identifier, boolean alwaysQuote) throws SQLException {
        checkOpen();
        try {
            return delegate.enquoteIdentifier(identifier, alwaysQuote);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean isSimpleIdentifier(String identifier) throws SQLException {
        checkOpen();
        try {
            return delegate.isSimpleIdentifier(identifier);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String enquoteNCharLiteral(String val) throws SQLException {
        checkOpen();
        try {
            return delegate.enquoteNCharLiteral(val);
        } catch (SQLException e) {
            throw onError(e);
        }
    }
}
