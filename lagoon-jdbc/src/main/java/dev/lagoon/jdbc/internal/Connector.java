package dev.lagoon.jdbc.internal;

import dev.lagoon.jdbc.Credentials;
import dev.lagoon.jdbc.SecretMasking;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Opens one raw connection with given credentials: through a {@link Driver} and a URL, or
 * through a vendor {@link DataSource}. Implementations are immutable and thread-safe.
 */
public interface Connector {

    /**
     * @param credentials the credentials for this connection, never {@code null}
     * @return a new raw connection, never {@code null}
     * @throws SQLException when the driver fails or returns nothing
     */
    Connection connect(Credentials credentials) throws SQLException;

    /** @return what this connects to, with secrets masked, for logs and messages */
    String describe();

    /**
     * @param driver     the driver
     * @param url        the JDBC URL
     * @param properties driver properties, copied; {@code user} and {@code password} are added
     *                   per connection
     * @return a connector using {@link Driver#connect}
     */
    static Connector driver(Driver driver, String url, Properties properties) {
        Properties base = new Properties();
        base.putAll(properties);
        String described = SecretMasking.maskUrl(url);
        return new Connector() {
            @Override
            public Connection connect(Credentials credentials) throws SQLException {
                Properties props = new Properties();
                props.putAll(base);
                if (credentials.username() != null) {
                    props.setProperty("user", credentials.username());
                }
                if (credentials.password() != null) {
                    props.setProperty("password", credentials.password());
                }
                Connection c = driver.connect(url, props);
                if (c == null) {
                    throw new SQLException("Driver " + driver.getClass().getName() + " does not accept the URL "
                            + described, "08001");
                }
                return c;
            }

            @Override
            public String describe() {
                return described;
            }
        };
    }

    /**
     * @param dataSource the vendor data source
     * @param name       how to describe it (a class name)
     * @return a connector using {@link DataSource#getConnection()}, or
     *         {@link DataSource#getConnection(String, String)} when a user or password is given
     */
    static Connector dataSource(DataSource dataSource, String name) {
        return new Connector() {
            @Override
            public Connection connect(Credentials credentials) throws SQLException {
                Connection c = credentials.username() == null && credentials.password() == null
                        ? dataSource.getConnection()
                        : dataSource.getConnection(credentials.username(), credentials.password());
                if (c == null) {
                    throw new SQLException("DataSource " + name + " returned no connection", "08001");
                }
                return c;
            }

            @Override
            public String describe() {
                return SecretMasking.mask(name);
            }
        };
    }
}
