package dev.lagoon.phantomdb.internal;

import java.nio.charset.StandardCharsets;

/**
 * Builds request paths: every name becomes one percent-encoded path segment and every query
 * value is percent-encoded, so no name or condition can change which resource a request
 * reaches.
 */
public final class Paths {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Paths() {
    }

    /**
     * Encodes a name as one path segment: every byte of its UTF-8 form other than the RFC 3986
     * unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) becomes {@code %XX}, so {@code /},
     * {@code ?}, {@code #}, {@code %} and spaces cannot escape the segment.
     *
     * @param what  what the name is ("database", "table"), for the message
     * @param value the name
     * @return the encoded segment
     * @throws IllegalArgumentException if the name is null, empty, {@code .} or {@code ..} (which
     *                                  would address another resource)
     */
    public static String segment(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " name must not be null or empty");
        }
        if (value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException(what + " name must not be '" + value + "'");
        }
        return encode(value);
    }

    /**
     * Percent-encodes a query parameter value the same way as {@link #segment}: a space becomes
     * {@code %20} and {@code +}, {@code &}, {@code =} are encoded too.
     *
     * @param value the value
     * @return the encoded value
     */
    public static String queryValue(String value) {
        return encode(value);
    }

    private static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return sb.toString();
    }
}
