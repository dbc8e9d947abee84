package dev.lagoon.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * A password or token. Its {@code toString} is always masked, so it can sit in records,
 * options and log statements without leaking; {@link #reveal()} is the only way to read it and
 * is called only where the value is handed to the backend driver or compared.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * @param value the secret value, may be {@code null}
     * @return a secret, or {@code null} when {@code value} is {@code null}
     */
    public static Secret ofNullable(String value) {
        return value == null ? null : new Secret(value);
    }

    /** @return the secret value itself */
    public String reveal() {
        return value;
    }

    /** @return whether the value is empty or only whitespace */
    public boolean isBlank() {
        return value.isBlank();
    }

    /**
     * Compares with a candidate in time that does not depend on where they differ.
     *
     * @param candidate what a client sent
     * @return whether it equals this secret
     */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(value), sha256(candidate));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && MessageDigest.isEqual(sha256(value), sha256(other.value));
    }

    @Override
    public int hashCode() {
        return Objects.hash(Secret.class);
    }

    @Override
    public String toString() {
        return Masking.MASK;
    }
}
