package dev.lagoon.jdbc;

import dev.lagoon.jdbc.internal.StandardClassifier;

import java.sql.SQLException;

/**
 * Decides whether an {@link SQLException} means the physical connection is broken, so that
 * the pool destroys it when the borrower closes it instead of lending it again.
 *
 * <p>Every {@code SQLException} that a borrower's {@code Connection}, {@code Statement},
 * {@code ResultSet} or {@code DatabaseMetaData} throws is shown to the classifiers before it
 * reaches the borrower. The exception itself is always rethrown unchanged; a verdict of
 * {@link Verdict#BROKEN} only marks the connection.
 *
 * <h2>Order</h2>
 * For each exception in the chain (the exception, then its causes and
 * {@link SQLException#getNextException() next exceptions}), the classifiers are asked in this
 * order: those added with {@link LagoonDataSource#addBrokenConnectionClassifier}, then those
 * found by {@link java.util.ServiceLoader} (a provider file
 * {@code META-INF/services/dev.lagoon.jdbc.BrokenConnectionClassifier}, or {@code provides}
 * in a module), then {@link #standard()}. The first verdict other than {@link Verdict#ABSTAIN}
 * decides. A custom classifier can therefore both add broken states and overrule the standard
 * ones by answering {@link Verdict#HEALTHY}.
 *
 * <p>Implementations are called on the borrower's thread, possibly on several threads at once,
 * so they must be thread-safe, fast and must not throw; an exception thrown by a classifier is
 * treated as {@link Verdict#ABSTAIN}.
 */
@FunctionalInterface
public interface BrokenConnectionClassifier {

    /** A classifier's answer for one exception. */
    enum Verdict {
        /** The connection is unusable: destroy it when it is returned. */
        BROKEN,
        /** The connection is fine whatever later classifiers would say. */
        HEALTHY,
        /** No opinion: ask the next classifier. */
        ABSTAIN
    }

    /**
     * Classifies one exception (not its chain; the pool walks the chain).
     *
     * @param exception the exception, never {@code null}
     * @return the verdict, never {@code null}
     */
    Verdict classify(SQLException exception);

    /**
     * The built-in classifier, always consulted last. It answers {@link Verdict#BROKEN} for:
     * <ul>
     *   <li>any SQLState of class {@code 08} (connection exception);</li>
     *   <li>the fatal states {@code 57P01} (admin shutdown, e.g. {@code pg_terminate_backend}),
     *       {@code 57P02} (crash shutdown), {@code 57P03} (cannot connect now),
     *       {@code 57P05} (idle session timeout), {@code XX000} (internal error),
     *       {@code 01002} (disconnect error), {@code JZ0C0} and {@code JZ0C1};</li>
     *   <li>{@link java.sql.SQLRecoverableException} and
     *       {@link java.sql.SQLNonTransientConnectionException};</li>
     *   <li>MariaDB and MySQL error codes, only for exceptions those drivers created (told by
     *       the exception's class or the class that created it):
     *       1053 server shutdown, 1152/1184 aborted connection, 1927 connection killed,
     *       2006 server gone, 2013/2055 lost connection, 4031 disconnected for inactivity;</li>
     * </ul>
     * and {@link Verdict#ABSTAIN} otherwise.
     *
     * @return the standard classifier
     */
    static BrokenConnectionClassifier standard() {
        return StandardClassifier.INSTANCE;
    }
}
