package dev.lagoon.phantomdb.internal;

import java.util.concurrent.atomic.AtomicBoolean;

/** A stand-alone client's binding: it owns its transport and closes it. */
public final class OwnedBinding implements Binding {
    private final HttpTransport transport;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @param transport the transport this client owns */
    public OwnedBinding(HttpTransport transport) {
        this.transport = transport;
    }

    @Override
    public HttpTransport transport() {
        if (closed.get()) {
            throw new IllegalStateException("This PhantomDB client is closed");
        }
        return transport;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            transport.close();
        }
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public String baseUrl() {
        return transport.baseUrl();
    }

    @Override
    public String describe() {
        return "standalone";
    }
}
