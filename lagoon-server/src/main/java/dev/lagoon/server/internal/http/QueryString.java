package dev.lagoon.server.internal.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A forgiving query-string decoder. Clients send conditions URL-encoded
 * ({@code condition=id%20%3D%202}), half-encoded ({@code condition=name%20LIKE%20'A%'}: the
 * Python client leaves {@code %} alone) or raw ({@code condition=id = 2}, repaired by
 * {@link LenientHttpConnectionFactory} into {@code condition=id+=+2}). All of them must decode
 * to the text the user wrote:
 * <ul>
 *   <li>parameters are split on {@code &}, and a name from its value on the first {@code =}
 *       only, so a value keeps its own {@code =} signs;</li>
 *   <li>{@code +} is a space;</li>
 *   <li>{@code %XX} with two hex digits is a byte (UTF-8), and a {@code %} not followed by two
 *       hex digits is a literal {@code %}.</li>
 * </ul>
 */
public final class QueryString {

    private QueryString() {
    }

    /**
     * @param raw the raw query string (after {@code ?}, before any {@code #}), may be {@code null}
     * @return each parameter's first value, in order of appearance
     */
    public static Map<String, String> parse(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(name, value);
        }
        return out;
    }

    /**
     * @param text a query-string component
     * @return it decoded as described above
     */
    static String decode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0
                    && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
