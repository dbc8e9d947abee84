package dev.lagoon.jdbc;

/**
 * A user name and password for one new physical connection.
 *
 * <p>{@link #toString()} never shows the password, so a {@code Credentials} may be logged.
 *
 * @param username the database user, or {@code null} to let the driver decide (for example
 *                 when the URL names the user)
 * @param password the password or token, or {@code null} for none
 */
public record Credentials(String username, String password) {

    /**
     * @param username the database user, or {@code null}
     * @param password the password or token, or {@code null}
     * @return the credentials
     */
    public static Credentials of(String username, String password) {
        return new Credentials(username, password);
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password="
                + (password == null ? "null" : SecretMasking.MASK) + ']';
    }
}
