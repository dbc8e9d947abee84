package dev.lagoon.jdbc;

import java.sql.SQLException;

/**
 * Supplies the credentials for every new physical connection, so that rotated passwords
 * (a Vault lease, a cloud IAM token) take effect without restarting the pool.
 *
 * <p>The pool's guarantees around {@link #credentials()}:
 * <ul>
 *   <li>it is called once for each physical connection the pool opens, immediately before
 *       the driver is asked for it, and never for connections already open;</li>
 *   <li>it runs on one of the core pool's creator threads, never on a borrower's thread, and
 *       up to {@code maxConcurrentCreates} calls may run at once, so it must be thread-safe;</li>
 *   <li>it may block (to refresh a token, say); a borrower waiting for the connection still
 *       gives up at its own acquire timeout;</li>
 *   <li>if it throws, the attempt counts as a failed connection: the failure is logged, kept as
 *       the cause a timed-out borrower sees, and creation is retried with back-off.</li>
 * </ul>
 */
@FunctionalInterface
public interface CredentialsProvider {

    /**
     * The credentials for the connection about to be opened.
     *
     * @return the credentials; {@code null} means "no user and no password"
     * @throws SQLException when no credentials can be obtained now
     */
    Credentials credentials() throws SQLException;

    /**
     * A provider that always returns the same user and password.
     *
     * @param username the user, or {@code null}
     * @param password the password, or {@code null}
     * @return the provider; its {@code toString} masks the password
     */
    static CredentialsProvider fixed(String username, String password) {
        Credentials credentials = new Credentials(username, password);
        return new CredentialsProvider() {
            @Override
            public Credentials credentials() {
                return credentials;
            }

            @Override
            public String toString() {
                return "fixed " + credentials;
            }
        };
    }
}
