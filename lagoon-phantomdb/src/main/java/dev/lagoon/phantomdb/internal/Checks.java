package dev.lagoon.phantomdb.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/** The argument checks shared by the client's builder and the pool's configuration. */
public final class Checks {
    /** The longest duration any option accepts. */
    public static final Duration MAX_DURATION = Duration.ofDays(100);

    private Checks() {
    }

    /**
     * @param option the option's name
     * @param d      the value
     * @return {@code d}
     * @throws IllegalArgumentException unless {@code d} is between 1 ms and 100 days
     */
    public static Duration positive(String option, Duration d) {
        if (d == null || d.compareTo(Duration.ofMillis(1)) < 0 || d.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(option + " (" + d + ") must be between 1 ms and 100 days");
        }
        return d;
    }

    /**
     * @param option the option's name
     * @param d      the value
     * @param zeroMeans what zero means, for the message
     * @return {@code d}
     * @throws IllegalArgumentException unless {@code d} is zero or between 1 ms and 100 days
     */
    public static Duration zeroOrPositive(String option, Duration d, String zeroMeans) {
        if (d == null || d.isNegative() || d.compareTo(MAX_DURATION) > 0
                || (!d.isZero() && d.compareTo(Duration.ofMillis(1)) < 0)) {
            throw new IllegalArgumentException(option + " (" + d + ") must be 0 (" + zeroMeans
                    + ") or between 1 ms and 100 days");
        }
        return d;
    }

    /**
     * Checks and normalizes the server's base URL: {@code http} or {@code https}, a host, an
     * optional port and path prefix, no query, fragment or credentials; a trailing slash is
     * dropped.
     *
     * @param baseUrl the URL as given
     * @return the URL without a trailing slash
     * @throws IllegalArgumentException naming the problem; a URL carrying credentials is never
     *                                  repeated in the message
     */
    public static String baseUrl(String baseUrl) {
        String expected = "must be an http:// or https:// URL with a host, like http://localhost:8080";
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("baseUrl (" + baseUrl + ") " + expected);
        }
        URI uri;
        try {
            uri = new URI(baseUrl.strip());
        } catch (URISyntaxException e) {
            if (baseUrl.contains("@")) {
                throw new IllegalArgumentException("baseUrl is not a valid URL (" + e.getReason()
                        + "); it " + expected, e);
            }
            throw new IllegalArgumentException("baseUrl ('" + baseUrl + "') is not a valid URL ("
                    + e.getReason() + "); it " + expected, e);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("baseUrl must not carry credentials (user info before '@');"
                    + " give the server's token with token(...) instead");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("baseUrl ('" + baseUrl + "') " + expected);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUrl ('" + baseUrl + "') must not have a query or a fragment");
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
