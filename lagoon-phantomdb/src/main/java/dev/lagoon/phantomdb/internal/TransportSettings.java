package dev.lagoon.phantomdb.internal;

import java.time.Duration;

/**
 * What every {@link HttpTransport} of one client or pool is made with.
 *
 * @param baseUrl        the checked base URL, without a trailing slash
 * @param connectTimeout the longest wait for a TCP (and TLS) connection
 * @param requestTimeout the longest wait for a whole answer
 * @param token          the server's bearer token, or {@code null}
 * @param threadPrefix   the prefix of the transport's thread names
 */
public record TransportSettings(String baseUrl, Duration connectTimeout, Duration requestTimeout,
                                Secret token, String threadPrefix) {

    /** @return the settings without the token, which prints masked anyway */
    @Override
    public String toString() {
        return "TransportSettings{baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", token=" + (token == null ? "none" : Secret.MASK) + '}';
    }
}
