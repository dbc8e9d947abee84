package dev.lagoon.server.internal.http;

import dev.lagoon.server.internal.ApiException;
import dev.lagoon.server.internal.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

/**
 * Answers the requests that Jetty itself refuses, before they reach the API (a malformed
 * request line, an oversized header block, a request arriving while the server drains), with
 * the same JSON error shape as every other error instead of Jetty's HTML page.
 */
public final class JsonErrorHandler extends ErrorHandler {

    private final BooleanSupplier closing;

    /** @param closing whether the server is shutting down (a 503 then says so) */
    public JsonErrorHandler(BooleanSupplier closing) {
        this.closing = closing;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message)
            throws IOException {
        byte[] body = body(code, message);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private byte[] body(int status, String reason) {
        ApiException error;
        if (status == 503 && closing.getAsBoolean()) {
            error = new ApiException(ErrorCode.SHUTTING_DOWN, "the server is shutting down");
        } else {
            ErrorCode code = switch (status) {
                case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
                case 404 -> ErrorCode.NOT_FOUND;
                case 503 -> ErrorCode.BACKEND_UNAVAILABLE;
                default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
            };
            error = new ApiException(code, "the HTTP request was refused (" + status
                    + (reason == null ? "" : " " + reason) + ")");
        }
        return Json.write(error.body());
    }
}
