package dev.lagoon.jdbc.internal;

import dev.lagoon.ConnectionFactory;
import dev.lagoon.jdbc.Credentials;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens, validates, resets and closes JDBC connections for the core pool.
 *
 * <p>The core pool's guarantees apply (see {@link ConnectionFactory}): {@link #create} runs
 * on a creator thread, {@link #validate} on a helper thread while the borrower waits at most
 * the validation timeout, {@link #reset} on the releasing thread, and never two of them at
 * once for one connection. Every network call made here is bounded by a driver network
 * timeout, so none of these threads can be held by a dead or silent server for longer than
 * the validation timeout (reset, validate) or the acquire timeout (set-up).
 */
public final class JdbcConnectionFactory implements ConnectionFactory<PhysicalConnection> {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcConnectionFactory.class);

    private final JdbcSettings settings;
    private final int validationMillis;
    private final int validationSeconds;
    private final int initMillis;

    /** @param settings the validated options */
    public JdbcConnectionFactory(JdbcSettings settings) {
        this.settings = settings;
        this.validationMillis = millis(settings.validationTimeout());
        this.validationSeconds = (int) Math.max(1, (validationMillis + 999L) / 1000);
        this.initMillis = millis(settings.initTimeout());
    }

    /** @return the options */
    public JdbcSettings settings() {
        return settings;
    }

    int validationMillis() {
        return validationMillis;
    }

    /**
     * Asks the {@link dev.lagoon.jdbc.CredentialsProvider} for credentials, opens a driver
     * connection, runs {@code connectionInitSql} and applies the configured defaults. Any
     * failure closes the half-made connection; secrets are masked out of the exception.
     */
    @Override
    public PhysicalConnection create() throws Exception {
        Credentials credentials = null;
        Connection raw;
        try {
            credentials = settings.credentials().credentials();
            if (credentials == null) {
                credentials = Credentials.of(null, null);
            }
            raw = settings.connector().connect(credentials);
        } catch (SQLException | RuntimeException e) {
            throw Scrubbing.scrub(e, secrets(credentials));
        }
        try {
            return initialize(raw);
        } catch (SQLException | RuntimeException e) {
            try {
                raw.close();
            } catch (SQLException | RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw Scrubbing.scrub(e, secrets(credentials));
        }
    }

    private PhysicalConnection initialize(Connection raw) throws SQLException {
        PhysicalConnection pc = new PhysicalConnection(raw, this, settings.statementCacheSize());
        pc.captureNetworkTimeout();
        boolean bounded = pc.boundNetworkTimeout(initMillis);
        try {
            if (settings.connectionInitSql() != null) {
                try (Statement st = raw.createStatement()) {
                    st.execute(settings.connectionInitSql());
                }
                if (!raw.getAutoCommit()) {
                    raw.commit();
                }
            }
            if (raw.getAutoCommit() != settings.autoCommit()) {
                raw.setAutoCommit(settings.autoCommit());
            }
            if (raw.isReadOnly() != settings.readOnly()) {
                raw.setReadOnly(settings.readOnly());
            }
            pc.initialBaseline(settings.autoCommit(), settings.readOnly());
            if (settings.transactionIsolation() >= 0) {
                raw.setTransactionIsolation(settings.transactionIsolation());
                pc.configuredIsolation(settings.transactionIsolation());
            }
            if (settings.catalog() != null) {
                raw.setCatalog(settings.catalog());
                pc.configuredCatalog(settings.catalog());
            }
            if (settings.schema() != null) {
                raw.setSchema(settings.schema());
                pc.configuredSchema(settings.schema());
            }
            raw.clearWarnings();
        } finally {
            if (bounded) {
                pc.restoreNetworkTimeout();
            }
        }
        return pc;
    }

    /**
     * Runs the validation query, or {@link Connection#isValid} when none is set, under a
     * network timeout of the validation timeout, so that a silent server cannot hold the
     * validating thread longer than that.
     */
    @Override
    public boolean validate(PhysicalConnection connection) throws Exception {
        if (connection.isBroken()) {
            return false;
        }
        Connection raw = connection.raw();
        boolean bounded = connection.boundNetworkTimeout(validationMillis);
        try {
            if (settings.validationQuery() == null) {
                return raw.isValid(validationSeconds);
            }
            try (Statement st = raw.createStatement()) {
                st.setQueryTimeout(validationSeconds);
                st.execute(settings.validationQuery());
            }
            if (!raw.getAutoCommit()) {
                raw.rollback();
            }
            return true;
        } finally {
            if (bounded) {
                connection.restoreNetworkTimeout();
            }
        }
    }

    @Override
    public void reset(PhysicalConnection connection) throws Exception {
        connection.reset();
    }

    @Override
    public void close(PhysicalConnection connection) throws Exception {
        try {
            connection.destroy();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Pool '{}': closing a connection failed: {}", settings.poolName(), e.toString());
            throw Scrubbing.scrub(e, secrets(null));
        }
    }

    private List<String> secrets(Credentials credentials) {
        if (credentials == null || credentials.password() == null) {
            return settings.knownSecrets();
        }
        List<String> all = new ArrayList<>(settings.knownSecrets());
        all.add(credentials.password());
        return all;
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    @Override
    public String toString() {
        return "JdbcConnectionFactory{" + settings + '}';
    }
}
