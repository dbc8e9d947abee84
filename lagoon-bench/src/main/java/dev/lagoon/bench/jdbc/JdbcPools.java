package dev.lagoon.bench.jdbc;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lagoon.Fairness;
import dev.lagoon.jdbc.LagoonDataSource;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import org.apache.commons.dbcp2.BasicDataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;
import org.vibur.dbcp.ViburDBCPDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds each pool under test as a {@link DataSource} over any JDBC URL, in the settings the
 * benchmarks document. Every pool gets: a fixed size (min = max = initial = {@code size}, all
 * connections opened before measuring), a 30 s acquire timeout, JMX off, no statement cache,
 * no leak detection, and its own safety features on return switched on where it has them.
 *
 * <p>{@code autoCommit} is the default auto-commit mode handed to borrowers. The stub
 * benchmarks use {@code false}, so that pools which roll back on return do it; the PostgreSQL
 * benchmark uses {@code true} (every select its own transaction, like pgbench).
 *
 * <table>
 *   <caption>What each pool does on return, as configured here</caption>
 *   <tr><th>pool</th><th>settings beyond size and timeout</th><th>on return</th></tr>
 *   <tr><td>lagoon</td><td>{@code autoCommit}; defaults otherwise ({@code rollbackOnReturn}
 *       true, {@code validateOnAcquire} true with a 500 ms bypass window, FIFO fairness;
 *       {@code lagoon-barging}: BARGING)</td>
 *       <td>rollback if auto-commit is off and the borrower called anything on the connection,
 *       restore what it changed, clear warnings, close its statements (a borrower that called
 *       nothing gets none of this: nothing can have changed)</td></tr>
 *   <tr><td>hikari</td><td>{@code autoCommit}; defaults otherwise (isValid on borrow when idle
 *       over 500 ms)</td>
 *       <td>rollback if auto-commit is off and a statement ran, restore changed state, clear
 *       warnings, close its statements</td></tr>
 *   <tr><td>agroal</td><td>{@code autoCommit}; defaults otherwise (no validation on borrow)</td>
 *       <td>restore changed state, clear warnings, close its statements; no rollback outside a
 *       JTA transaction (Agroal has no such option)</td></tr>
 *   <tr><td>vibur</td><td>{@code defaultAutoCommit}, {@code resetDefaultsAfterUse} true,
 *       {@code clearSQLWarnings} true; defaults otherwise (isValid when idle over 5 s)</td>
 *       <td>restore defaults, clear warnings; no rollback option</td></tr>
 *   <tr><td>dbcp2</td><td>{@code defaultAutoCommit}; defaults otherwise ({@code rollbackOnReturn}
 *       true, {@code autoCommitOnReturn} true, {@code testOnBorrow} true with isValid,
 *       {@code cacheState} true)</td>
 *       <td>rollback if auto-commit is off, then auto-commit on, clear warnings</td></tr>
 *   <tr><td>c3p0</td><td>{@code autoCommitOnClose} false and
 *       {@code forceIgnoreUnresolvedTransactions} false (its defaults); it has no setting for
 *       the default auto-commit, so borrowers get auto-commit on</td>
 *       <td>rollback of unresolved work, reset of the connection's state</td></tr>
 *   <tr><td>tomcat</td><td>{@code defaultAutoCommit}, {@code rollbackOnReturn} true, the
 *       {@code ConnectionState} interceptor; defaults otherwise (no test on borrow, fair queue,
 *       disposable facade)</td>
 *       <td>rollback if auto-commit is off; the interceptor restores the defaults on the next
 *       borrow</td></tr>
 * </table>
 */
public final class JdbcPools {

    /**
     * Every pool, in the order the tables list them. {@code lagoon-barging} (Lagoon with
     * {@link Fairness#BARGING} instead of its default FIFO) is accepted too, for the runs where
     * borrowers outnumber connections.
     */
    public static final List<String> ALL = List.of("lagoon", "hikari", "agroal", "vibur", "dbcp2", "c3p0", "tomcat");

    private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(30);

    private JdbcPools() {
    }

    /**
     * Starts a pool and opens all its connections.
     *
     * @param pool       one of {@link #ALL}
     * @param url        the JDBC URL
     * @param user       the user name
     * @param password   the password
     * @param size       connections in the pool
     * @param autoCommit the auto-commit mode borrowers get (where the pool can set it)
     * @return the pooling data source
     * @throws Exception if the pool cannot start
     */
    public static DataSource create(String pool, String url, String user, String password, int size,
                                    boolean autoCommit) throws Exception {
        DataSource ds = switch (pool) {
            case "lagoon" -> lagoon(url, user, password, size, autoCommit, Fairness.FIFO);
            case "lagoon-barging" -> lagoon(url, user, password, size, autoCommit, Fairness.BARGING);
            case "hikari" -> hikari(url, user, password, size, autoCommit);
            case "agroal" -> agroal(url, user, password, size, autoCommit);
            case "vibur" -> vibur(url, user, password, size, autoCommit);
            case "dbcp2" -> dbcp2(url, user, password, size, autoCommit);
            case "c3p0" -> c3p0(url, user, password, size);
            case "tomcat" -> tomcat(url, user, password, size, autoCommit);
            default -> throw new IllegalArgumentException("unknown pool '" + pool + "'; expected one of " + ALL
                    + " or lagoon-barging");
        };
        fill(ds, size);
        return ds;
    }

    /**
     * Borrows {@code size} connections at once and returns them, so that every pool has opened
     * all its connections before the first measurement, whatever its start-up policy.
     */
    private static void fill(DataSource ds, int size) throws SQLException {
        List<Connection> held = new ArrayList<>(size);
        try {
            for (int i = 0; i < size; i++) {
                held.add(ds.getConnection());
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    /**
     * Shuts a pool down.
     *
     * @param ds a data source from {@link #create}
     * @throws Exception if closing fails
     */
    public static void close(DataSource ds) throws Exception {
        if (ds instanceof AutoCloseable closeable) {
            closeable.close();
        } else if (ds instanceof ViburDBCPDataSource vibur) {
            vibur.terminate();
        } else if (ds instanceof org.apache.tomcat.jdbc.pool.DataSource tomcat) {
            tomcat.close(true);
        }
    }

    /** The class of the registered driver for a URL (Tomcat JDBC wants it named). */
    private static String driverClassName(String url) throws SQLException {
        return DriverManager.getDriver(url).getClass().getName();
    }

    private static DataSource lagoon(String url, String user, String password, int size, boolean autoCommit,
                                     Fairness fairness) {
        return LagoonDataSource.builder()
                .jdbcUrl(url)
                .username(user)
                .password(password)
                .minSize(size)
                .maxSize(size)
                .initialSize(size)
                .acquireTimeout(ACQUIRE_TIMEOUT)
                .autoCommit(autoCommit)
                .fairness(fairness)
                .poolName("bench-lagoon")
                .build();
    }

    private static DataSource hikari(String url, String user, String password, int size, boolean autoCommit) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bench-hikari");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMinimumIdle(size);
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(ACQUIRE_TIMEOUT.toMillis());
        config.setAutoCommit(autoCommit);
        config.setRegisterMbeans(false);
        return new HikariDataSource(config);
    }

    private static DataSource agroal(String url, String user, String password, int size, boolean autoCommit)
            throws SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .metricsEnabled(false)
                .connectionPoolConfiguration(pool -> pool
                        .initialSize(size)
                        .minSize(size)
                        .maxSize(size)
                        .acquisitionTimeout(ACQUIRE_TIMEOUT)
                        .connectionFactoryConfiguration(factory -> factory
                                .jdbcUrl(url)
                                .principal(new NamePrincipal(user))
                                .credential(new SimplePassword(password))
                                .autoCommit(autoCommit))));
    }

    private static DataSource vibur(String url, String user, String password, int size, boolean autoCommit) {
        ViburDBCPDataSource ds = new ViburDBCPDataSource();
        ds.setName("bench-vibur");
        ds.setJdbcUrl(url);
        ds.setUsername(user);
        ds.setPassword(password);
        ds.setPoolInitialSize(size);
        ds.setPoolMaxSize(size);
        ds.setConnectionTimeoutInMs(ACQUIRE_TIMEOUT.toMillis());
        ds.setDefaultAutoCommit(autoCommit);
        ds.setResetDefaultsAfterUse(true);
        ds.setClearSQLWarnings(true);
        ds.setEnableJMX(false);
        ds.start();
        return ds;
    }

    private static DataSource dbcp2(String url, String user, String password, int size, boolean autoCommit) {
        BasicDataSource ds = new BasicDataSource();
        ds.setUrl(url);
        ds.setUsername(user);
        ds.setPassword(password);
        ds.setInitialSize(size);
        ds.setMinIdle(size);
        ds.setMaxIdle(size);
        ds.setMaxTotal(size);
        ds.setMaxWait(ACQUIRE_TIMEOUT);
        ds.setDefaultAutoCommit(autoCommit);
        ds.setRollbackOnReturn(true);
        return ds;
    }

    private static DataSource c3p0(String url, String user, String password, int size) {
        ComboPooledDataSource ds = new ComboPooledDataSource();
        ds.setDataSourceName("bench-c3p0");
        ds.setJdbcUrl(url);
        ds.setUser(user);
        ds.setPassword(password);
        ds.setInitialPoolSize(size);
        ds.setMinPoolSize(size);
        ds.setMaxPoolSize(size);
        ds.setCheckoutTimeout((int) ACQUIRE_TIMEOUT.toMillis());
        ds.setAutoCommitOnClose(false);
        ds.setForceIgnoreUnresolvedTransactions(false);
        return ds;
    }

    private static DataSource tomcat(String url, String user, String password, int size, boolean autoCommit)
            throws SQLException {
        PoolProperties p = new PoolProperties();
        p.setName("bench-tomcat");
        p.setUrl(url);
        p.setDriverClassName(driverClassName(url));
        p.setUsername(user);
        p.setPassword(password);
        p.setInitialSize(size);
        p.setMinIdle(size);
        p.setMaxIdle(size);
        p.setMaxActive(size);
        p.setMaxWait((int) ACQUIRE_TIMEOUT.toMillis());
        p.setDefaultAutoCommit(autoCommit);
        p.setRollbackOnReturn(true);
        p.setJdbcInterceptors("ConnectionState");
        p.setJmxEnabled(false);
        return new org.apache.tomcat.jdbc.pool.DataSource(p);
    }
}
