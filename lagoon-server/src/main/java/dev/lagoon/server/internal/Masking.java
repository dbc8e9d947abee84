package dev.lagoon.server.internal;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that hides secrets in text: JDBC URLs in every common form, and known secret
 * values (the backend password, the bearer token) wherever they appear. Logs, {@code toString},
 * JSON answers and error messages all go through it.
 */
public final class Masking {

    /** What a hidden secret is replaced with. */
    public static final String MASK = "****";

    /** {@code password=secret} in query ({@code ?&}) or property ({@code ;}) style, any case. */
    private static final Pattern PASSWORD_PARAM = Pattern.compile(
            "(?i)((?:password|passwd|pwd|secret|token|sslpassword|sslkeypassword)\\s*=\\s*)([^;&\\s]*)");
    /** {@code //user:secret@host}. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]*:)([^@/\\s]*)(@)");
    /** Oracle's {@code user/secret@host}. */
    private static final Pattern ORACLE_STYLE = Pattern.compile("(:@?)([^/:@\\s]+/)([^@\\s]+)(@)");

    /** A Java exception class name heading a message, as drivers and pools chain them. */
    private static final Pattern CLASS_PREFIX = Pattern.compile(
            "\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error): ");

    private Masking() {
    }

    /**
     * Hides the password part of a JDBC URL.
     *
     * @param url a JDBC URL, may be {@code null}
     * @return the URL with every password replaced by {@value #MASK}
     */
    public static String jdbcUrl(String url) {
        if (url == null) {
            return null;
        }
        String out = PASSWORD_PARAM.matcher(url).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        out = USER_INFO.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
        if (out.startsWith("jdbc:oracle:")) {
            out = ORACLE_STYLE.matcher(out).replaceAll(
                    m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK + m.group(4)));
        }
        return out;
    }

    /**
     * Hides known secret values and password-looking URL parts in a free text, such as a
     * driver's error message, and drops Java exception class names chained into it.
     *
     * @param text    the text, may be {@code null}
     * @param secrets the values to hide; blank ones are ignored
     * @return the text with every secret replaced by {@value #MASK}
     */
    public static String text(String text, Collection<Secret> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Secret secret : secrets) {
            if (secret != null && !secret.isBlank()) {
                out = out.replace(secret.reveal(), MASK);
            }
        }
        return jdbcUrl(CLASS_PREFIX.matcher(out).replaceAll(""));
    }
}
