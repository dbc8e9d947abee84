package dev.lagoon.phantomdb.internal;

import dev.lagoon.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Makes the pooled {@link HttpTransport}s.
 *
 * <ul>
 *   <li>{@link #create()} builds an HTTP client and opens no connection, so a pool starts with
 *       its minimum even while the server is down; but once the server is suspected down (a
 *       validation failed, or a pooled request could not reach it), creating a transport first
 *       asks {@code GET /health} and throws if the server does not answer healthy. The pool
 *       engine then retries with back-off and reports the failure as the cause of an acquire
 *       timeout, instead of lending out, or validating and destroying, one new client after
 *       another at full speed. The first healthy answer clears the suspicion.</li>
 *   <li>{@link #validate} asks {@code GET /health}.</li>
 *   <li>{@link #close} shuts the transport's HTTP client down.</li>
 * </ul>
 *
 * <p>Thread-safe: the engine calls these methods from several threads at once.
 */
public final class TransportFactory implements ConnectionFactory<HttpTransport> {
    private static final Logger LOG = LoggerFactory.getLogger(TransportFactory.class);

    private final TransportSettings settings;
    private final Duration healthTimeout;
    /** Whether the server may be down; benign races only cost one extra or one missed probe. */
    private volatile boolean serverSuspect;

    /**
     * @param settings      how every transport connects
     * @param healthTimeout the request timeout of every {@code GET /health}
     */
    public TransportFactory(TransportSettings settings, Duration healthTimeout) {
        this.settings = settings;
        this.healthTimeout = healthTimeout;
    }

    @Override
    public HttpTransport create() {
        HttpTransport transport = new HttpTransport(settings);
        if (serverSuspect) {
            try {
                transport.checkHealth(healthTimeout);
            } catch (RuntimeException e) {
                transport.close();
                throw e;
            }
            LOG.info("PhantomDB at {} answers healthy again", settings.baseUrl());
            serverSuspect = false;
        }
        return transport;
    }

    @Override
    public boolean validate(HttpTransport transport) {
        boolean healthy = transport.isHealthy(healthTimeout);
        if (!healthy && !serverSuspect) {
            LOG.warn("PhantomDB at {} failed a health check; new clients will check it before they are lent",
                    settings.baseUrl());
        }
        serverSuspect = !healthy;
        return healthy;
    }

    @Override
    public void close(HttpTransport transport) {
        if (transport.connectionFailed()) {
            serverSuspect = true;
        }
        transport.close();
    }

    /** @return whether the server is currently suspected down */
    public boolean serverSuspect() {
        return serverSuspect;
    }
}
