package dev.lagoon.bench.jdbc.stub;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/** No pool at all: every {@link #getConnection()} opens a new {@link StubConnection}. The baseline. */
public final class StubDataSource implements DataSource {
    private int loginTimeout;
    private PrintWriter logWriter;

    /** Creates the data source. */
    public StubDataSource() {
    }

    @Override
    public Connection getConnection() {
        return new StubConnection(StubDriver.URL);
    }

    @Override
    public Connection getConnection(String username, String password) {
        return new StubConnection(StubDriver.URL);
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the stub driver does not log");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
