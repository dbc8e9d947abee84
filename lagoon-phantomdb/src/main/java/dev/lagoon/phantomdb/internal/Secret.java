package dev.lagoon.phantomdb.internal;

/**
 * A secret (the server's bearer token) whose {@link #toString()} never shows it. Only
 * {@link #reveal()} gives the value, and only the transport calls it, to build the
 * {@code Authorization} header.
 */
public final class Secret {
    /** What every secret prints as. */
    public static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * @param what  the option's name, for the error message
     * @param value the secret
     * @return the wrapped secret, or {@code null} if {@code value} is null
     * @throws IllegalArgumentException if the value is blank or holds a line break (the value
     *                                  itself is never put in the message)
     */
    public static Secret ofNullable(String what, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank (leave it unset for no " + what + ")");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(what + " must not contain line breaks");
        }
        return new Secret(value);
    }

    /** @return the secret's value */
    public String reveal() {
        return value;
    }

    /** @return {@value #MASK}, never the value */
    @Override
    public String toString() {
        return MASK;
    }
}
