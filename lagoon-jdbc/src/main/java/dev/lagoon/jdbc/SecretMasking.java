package dev.lagoon.jdbc;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that hides secrets before text leaves the pool: every log line, every
 * {@code toString}, and every exception message Lagoon builds goes through here.
 *
 * <p>It recognises the ways a JDBC URL or a property list carries a secret:
 * <ul>
 *   <li>{@code password=secret} after {@code ?}, {@code &}, {@code ;}, {@code (}, a comma,
 *       a colon, a brace or white space (so URL queries, SQL Server's {@code ;password=},
 *       and {@code Properties.toString()} are covered), for every key that names a secret
 *       (see {@link #isSecretKey}); quoted ({@code "..."}, {@code '...'}) and braced
 *       ({@code {...}}) values are masked whole;</li>
 *   <li>the user-info part of a URL, {@code //user:secret@host};</li>
 *   <li>Oracle's {@code jdbc:oracle:thin:user/secret@host};</li>
 *   <li>any literal occurrence of a secret the caller knows (a configured password),
 *       when it has at least {@value #MIN_LITERAL_LENGTH} characters.</li>
 * </ul>
 * The secret is replaced by {@value #MASK}; everything else is kept, so a masked URL still
 * tells which host and database were meant.
 *
 * <p>Thread-safe and stateless.
 */
public final class SecretMasking {

    /** What a secret is replaced with. */
    public static final String MASK = "<masked>";

    /** Literal secrets shorter than this are not searched for in free text (too many false hits). */
    public static final int MIN_LITERAL_LENGTH = 4;

    private static final String SECRET_WORDS =
            "password|passwd|pwd|secret|token|credential|apikey|api_key|api-key|accesskey|access_key|privatekey|private_key";

    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(?:" + SECRET_WORDS + ").*");

    /** key=value where the key names a secret; group 1 keeps the key and '=', group 2 is the value. */
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)((?:^|(?<=[?&;(,:{\\s]))[\\w.\\-]*(?:" + SECRET_WORDS + ")[\\w.\\-]*\\s*=\\s*)"
                    + "(\"[^\"]*\"|'[^']*'|\\{[^}]*}|[^&;\\s]*[^&;\\s,})])");

    /** //user:secret@ in a URL; group 2 is the secret. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/?#@\\s:]*:)([^/?#@\\s]+)(@)");

    /** jdbc:oracle:driver:user/secret@...; group 2 is the secret. */
    private static final Pattern ORACLE = Pattern.compile(
            "(?i)(jdbc:oracle:\\w+:[^/@\\s:]+/)(\"[^\"]*\"|[^@\\s]+)(@)");

    private SecretMasking() {
    }

    /**
     * Tells whether a property key names a secret: it contains {@code password}, {@code passwd},
     * {@code pwd}, {@code secret}, {@code token}, {@code credential}, {@code apikey},
     * {@code accesskey} or {@code privatekey} (any case, {@code _} or {@code -} allowed in the
     * last three).
     *
     * @param key a property key, may be {@code null}
     * @return whether values under this key must be masked
     */
    public static boolean isSecretKey(String key) {
        return key != null && SECRET_KEY.matcher(key).matches();
    }

    /**
     * Masks every secret this class recognises in a URL, a message or any other text.
     *
     * @param text the text, may be {@code null}
     * @return the text with secrets replaced by {@value #MASK}; {@code null} for {@code null}
     */
    public static String mask(String text) {
        return mask(text, Collections.emptyList());
    }

    /**
     * Masks a JDBC URL. The same as {@link #mask(String)}; the name says what is expected.
     *
     * @param url the URL, may be {@code null}
     * @return the masked URL
     */
    public static String maskUrl(String url) {
        return mask(url);
    }

    /**
     * Masks every secret this class recognises and, in addition, every literal occurrence of
     * the given known secrets (those of at least {@value #MIN_LITERAL_LENGTH} characters).
     *
     * @param text         the text, may be {@code null}
     * @param knownSecrets secrets to hide wherever they occur; {@code null} elements are ignored
     * @return the masked text; {@code null} for {@code null}
     */
    public static String mask(String text, Collection<String> knownSecrets) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : knownSecrets) {
            if (secret != null && secret.length() >= MIN_LITERAL_LENGTH) {
                result = result.replace(secret, MASK);
            }
        }
        result = replaceGroup(KEY_VALUE, result, 2);
        result = replaceGroup(USER_INFO, result, 2);
        result = replaceGroup(ORACLE, result, 2);
        return result;
    }

    /**
     * A copy of a property map fit for printing: values under {@linkplain #isSecretKey secret
     * keys} become {@value #MASK}, other values are {@linkplain #mask(String) masked} as text
     * (a property may hold a whole URL). Keys are sorted.
     *
     * @param properties the properties (for example a {@link java.util.Properties}), may be
     *                   {@code null}
     * @return a new sorted map of strings; empty for {@code null}
     */
    public static Map<String, String> maskProperties(Map<?, ?> properties) {
        Map<String, String> masked = new TreeMap<>();
        if (properties == null) {
            return masked;
        }
        for (Map.Entry<?, ?> e : properties.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            if (isSecretKey(key)) {
                masked.put(key, value == null ? null : MASK);
            } else {
                masked.put(key, value == null ? null : mask(String.valueOf(value)));
            }
        }
        return masked;
    }

    private static String replaceGroup(Pattern pattern, String text, int group) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            if (m.end(group) > m.start(group)) {
                out.append(text, last, m.start(group)).append(MASK);
                last = m.end(group);
            }
        } while (m.find());
        out.append(text, last, text.length());
        return out.toString();
    }
}
