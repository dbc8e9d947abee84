package dev.lagoon.server.internal.http;

import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.HttpConnectionFactory;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An HTTP/1.1 connection factory that accepts request lines with raw spaces in the target,
 * as the PhantomDB Python client sends them: {@code GET /databases/d/tables/t?condition=id = 2 HTTP/1.1}.
 *
 * <p>A strict parser reads that as a target {@code /databases/d/tables/t?condition=id} followed
 * by a garbled version, and answers 400. Here, before Jetty's parser sees a request line, the
 * line is repaired in place: when it has more than two spaces and ends with an {@code HTTP/x.y}
 * version, the spaces inside the target become {@code +}, which the query decoder reads back as
 * spaces ({@code condition=id+=+2}). Same length, so the bytes are rewritten in the buffer
 * itself. A request line split over several reads is held back until its end arrives.
 * Well-formed request lines are never changed.
 */
public final class LenientHttpConnectionFactory extends HttpConnectionFactory {

    /**
     * @param config the HTTP configuration shared with Javalin's defaults
     */
    public LenientHttpConnectionFactory(HttpConfiguration config) {
        super(config);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        HttpConnection connection = new LenientConnection(getHttpConfiguration(), connector, endPoint,
                isRecordHttpComplianceViolations());
        connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
        connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
        return configure(connection, connector, endPoint);
    }

    /**
     * Repairs, in place, the first request line at the buffer's position (after any blank
     * lines) if it has raw spaces in its target.
     *
     * @param buffer a buffer holding a request from its position
     * @return whether the line was changed ({@code false} too when no complete line is there)
     */
    public static boolean repairRequestLine(ByteBuffer buffer) {
        int lf = requestLineEnd(buffer);
        if (lf < 0) {
            return false;
        }
        int start = buffer.position();
        while (buffer.get(start) == '\r' || buffer.get(start) == '\n') {
            start++;
        }
        int end = lf;
        if (end > start && buffer.get(end - 1) == '\r') {
            end--;
        }
        int firstSpace = -1;
        int lastSpace = -1;
        int spaces = 0;
        for (int i = start; i < end; i++) {
            if (buffer.get(i) == ' ') {
                spaces++;
                if (firstSpace < 0) {
                    firstSpace = i;
                }
                lastSpace = i;
            }
        }
        if (spaces <= 2 || !isVersion(buffer, lastSpace + 1, end)) {
            return false;
        }
        int targetStart = firstSpace + 1;
        while (targetStart < lastSpace && buffer.get(targetStart) == ' ') {
            targetStart++;
        }
        int targetEnd = lastSpace;
        while (targetEnd > targetStart && buffer.get(targetEnd - 1) == ' ') {
            targetEnd--;
        }
        boolean changed = false;
        for (int i = targetStart; i < targetEnd; i++) {
            if (buffer.get(i) == ' ') {
                buffer.put(i, (byte) '+');
                changed = true;
            }
        }
        return changed;
    }

    /**
     * @param buffer a buffer
     * @return the absolute index of the {@code '\n'} ending the first non-blank line from the
     *         buffer's position, or -1 when that line is not complete yet
     */
    static int requestLineEnd(ByteBuffer buffer) {
        int i = buffer.position();
        while (i < buffer.limit() && (buffer.get(i) == '\r' || buffer.get(i) == '\n')) {
            i++;
        }
        for (; i < buffer.limit(); i++) {
            if (buffer.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isVersion(ByteBuffer buffer, int from, int to) {
        byte[] expected = {'H', 'T', 'T', 'P', '/'};
        if (to - from != 8) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (buffer.get(from + i) != expected[i]) {
                return false;
            }
        }
        return Character.isDigit(buffer.get(from + 5)) && buffer.get(from + 6) == '.'
                && Character.isDigit(buffer.get(from + 7));
    }

    /** An {@link HttpConnection} whose parser repairs request lines. */
    private static final class LenientConnection extends HttpConnection {

        LenientConnection(HttpConfiguration config, Connector connector, EndPoint endPoint, boolean record) {
            super(config, connector, endPoint, record);
        }

        @Override
        protected HttpParser newHttpParser(HttpCompliance compliance) {
            HttpParser parser = new LenientParser(newRequestHandler(), getHttpConfiguration().getRequestHeaderSize(),
                    compliance);
            parser.setHeaderCacheSize(getHttpConfiguration().getHeaderCacheSize());
            parser.setHeaderCacheCaseSensitive(getHttpConfiguration().isHeaderCacheCaseSensitive());
            return parser;
        }
    }

    /**
     * Jetty's parser, with request lines repaired before it reads them. Jetty hands the parser
     * every byte it reads and expects all of them consumed, so an incomplete request line is
     * copied aside ({@link #held}) and the buffer marked consumed, until the line's end arrives.
     * Used by one connection's thread at a time, like the parser itself.
     */
    static final class LenientParser extends HttpParser {

        private final int maxLine;
        private byte[] held;

        LenientParser(RequestHandler handler, int maxHeaderBytes, HttpCompliance compliance) {
            super(handler, maxHeaderBytes, compliance);
            this.maxLine = Math.max(1024, maxHeaderBytes);
        }

        @Override
        public boolean parseNext(ByteBuffer buffer) {
            if (held == null) {
                if (!isStart() || !buffer.hasRemaining()) {
                    return super.parseNext(buffer);
                }
                if (requestLineEnd(buffer) >= 0) {
                    if (!buffer.isReadOnly()) {
                        repairRequestLine(buffer);
                    }
                    return super.parseNext(buffer);
                }
                if (buffer.remaining() >= maxLine || buffer.isReadOnly()) {
                    return super.parseNext(buffer);
                }
                // blank lines before a request are skipped by the parser anyway; drop them so that
                // what is held always starts the request line
                while (buffer.hasRemaining() && (buffer.get(buffer.position()) == '\r'
                        || buffer.get(buffer.position()) == '\n')) {
                    buffer.get();
                }
                if (buffer.hasRemaining()) {
                    held = new byte[buffer.remaining()];
                    buffer.get(held);
                }
                return false;
            }
            if (!buffer.hasRemaining()) {
                return isAtEOF() ? release(buffer) : false;
            }
            int lf = -1;
            for (int i = buffer.position(); i < buffer.limit(); i++) {
                if (buffer.get(i) == '\n') {
                    lf = i;
                    break;
                }
            }
            int take = lf >= 0 ? lf + 1 - buffer.position() : buffer.remaining();
            byte[] joined = Arrays.copyOf(held, held.length + take);
            buffer.get(joined, held.length, take);
            held = joined;
            if (lf < 0 && held.length < maxLine) {
                return false;
            }
            ByteBuffer line = ByteBuffer.wrap(held);
            held = null;
            repairRequestLine(line);
            boolean handled = super.parseNext(line);
            if (handled || !buffer.hasRemaining()) {
                return handled;
            }
            return super.parseNext(buffer);
        }

        /** Gives the held bytes to the parser as they are (the peer stopped mid-line). */
        private boolean release(ByteBuffer rest) {
            ByteBuffer line = ByteBuffer.wrap(held);
            held = null;
            boolean handled = super.parseNext(line);
            return handled || super.parseNext(rest);
        }

        @Override
        public void reset() {
            held = null;
            super.reset();
        }
    }
}
