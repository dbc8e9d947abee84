package dev.lagoon.bench.jdbc.stub;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A JDBC driver whose connections do nothing, shared by every pool in the JDBC benchmarks so
 * that what differs between them is the pool alone.
 *
 * <p>It accepts URLs starting with {@value #URL_PREFIX} (anything may follow) and ignores user
 * and password. Each {@link #connect} returns a new {@link StubConnection}: a real class, not a
 * reflection proxy, so no pool pays for proxy dispatch on the driver side. It registers itself
 * with {@link DriverManager} when loaded, and is listed in {@code META-INF/services/java.sql.Driver}.
 */
public final class StubDriver implements Driver {

    /** The URL prefix this driver accepts. */
    public static final String URL_PREFIX = "jdbc:stub:";

    /** A URL for this driver. */
    public static final String URL = URL_PREFIX + "bench";

    static {
        try {
            DriverManager.registerDriver(new StubDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Creates the driver; {@link DriverManager} and pools that load drivers by class name use it. */
    public StubDriver() {
    }

    /** Makes sure the driver is loaded and registered with {@link DriverManager}. */
    public static void register() {
        // loading the class ran the static initializer
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null; // the Driver contract: not ours, let DriverManager try the next driver
        }
        return new StubConnection(url);
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(URL_PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the stub driver does not log");
    }
}
