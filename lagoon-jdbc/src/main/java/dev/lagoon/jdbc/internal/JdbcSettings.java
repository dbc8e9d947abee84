package dev.lagoon.jdbc.internal;

import dev.lagoon.jdbc.CredentialsProvider;

import java.time.Duration;
import java.util.List;

/**
 * The validated, immutable JDBC-level options of one pool (the core options live in
 * {@link dev.lagoon.PoolConfig}).
 *
 * @param poolName             the pool's name, for logs and messages
 * @param connector            opens raw connections
 * @param credentials          called once per new connection
 * @param knownSecrets         configured secrets to mask wherever they appear
 * @param connectionInitSql    run once on every new connection, or {@code null}
 * @param validationQuery      run to validate, or {@code null} for {@code Connection.isValid}
 * @param autoCommit           the auto-commit mode every borrower starts with
 * @param transactionIsolation the isolation every borrower starts with, or -1 for the driver's
 * @param readOnly             the read-only flag every borrower starts with
 * @param catalog              the catalog every borrower starts with, or {@code null}
 * @param schema               the schema every borrower starts with, or {@code null}
 * @param rollbackOnReturn     roll back on return when auto-commit is off
 * @param statementCacheSize   idle prepared statements kept per connection, 0 = off
 * @param classification       decides which exceptions mean a broken connection
 * @param validationTimeout    the bound on validation and on the network calls of a reset
 * @param initTimeout          the bound on the network calls that set up a new connection
 */
public record JdbcSettings(
        String poolName,
        Connector connector,
        CredentialsProvider credentials,
        List<String> knownSecrets,
        String connectionInitSql,
        String validationQuery,
        boolean autoCommit,
        int transactionIsolation,
        boolean readOnly,
        String catalog,
        String schema,
        boolean rollbackOnReturn,
        int statementCacheSize,
        ErrorClassification classification,
        Duration validationTimeout,
        Duration initTimeout) {

    /** Keeps the secrets out of {@code toString}. */
    @Override
    public String toString() {
        return "JdbcSettings{pool=" + poolName + ", target=" + connector.describe()
                + ", autoCommit=" + autoCommit + ", transactionIsolation=" + transactionIsolation
                + ", readOnly=" + readOnly + ", catalog=" + catalog + ", schema=" + schema
                + ", rollbackOnReturn=" + rollbackOnReturn + ", statementCacheSize=" + statementCacheSize
                + ", validationQuery=" + validationQuery + '}';
    }
}
