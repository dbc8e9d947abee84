package dev.lagoon.server.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An error answered to the client as {@code {"error": message, "code": CODE, ...details}}
 * with the status of its {@link ErrorCode}. The message must already be safe to show: no
 * stack traces, no secrets.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    /** Names echoed back in messages are cut to this many characters. */
    private static final int MAX_ECHO = 80;

    private final ErrorCode code;
    private final transient Map<String, Object> details;

    /**
     * @param code    the error code (and so the HTTP status)
     * @param message a message for people, safe to show
     */
    public ApiException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    /**
     * @param code    the error code (and so the HTTP status)
     * @param message a message for people, safe to show
     * @param details extra fields for the JSON answer (for example {@code position})
     */
    public ApiException(ErrorCode code, String message, Map<String, Object> details) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.details = Map.copyOf(details);
    }

    /** @return the error code */
    public ErrorCode code() {
        return code;
    }

    /** @return the HTTP status */
    public int status() {
        return code.status();
    }

    /** @return the JSON answer body: error, code, then the details */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", getMessage());
        body.put("code", code.name());
        body.putAll(details);
        return body;
    }

    /**
     * Quotes a client-supplied text for an error message, cut to a readable length.
     *
     * @param text what the client sent
     * @return the text in single quotes, shortened with an ellipsis when long
     */
    public static String echo(String text) {
        if (text == null) {
            return "null";
        }
        String cut = text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "..." : text;
        StringBuilder out = new StringBuilder(cut.length() + 2).append('\'');
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.append('\'').toString();
    }
}
