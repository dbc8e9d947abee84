package dev.lagoon.phantomdb.internal;

import dev.lagoon.Lease;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pooled client's binding: it holds one lease on a pooled transport. Closing it gives the
 * transport back, or destroys it when one of its requests failed to reach the server (so the
 * pool does not hand out a client that just saw the server go away). After that the client
 * fails with {@link IllegalStateException}, even when the transport has since been lent to
 * another borrower.
 */
public final class LeasedBinding implements Binding {
    private final Object owner;
    private final String poolName;
    private final String baseUrl;
    private final Lease<HttpTransport> lease;
    private final AtomicBoolean released = new AtomicBoolean();

    /**
     * @param owner    the pool that lent the lease, so it can recognise its clients
     * @param poolName the pool's name, for messages
     * @param baseUrl  the pool's base URL
     * @param lease    the lease
     */
    public LeasedBinding(Object owner, String poolName, String baseUrl, Lease<HttpTransport> lease) {
        this.owner = owner;
        this.poolName = poolName;
        this.baseUrl = baseUrl;
        this.lease = lease;
    }

    /** @return the pool that lent this client */
    public Object owner() {
        return owner;
    }

    /** @return the pool-wide id of the leased transport */
    public long connectionId() {
        return lease.id();
    }

    @Override
    public HttpTransport transport() {
        if (released.get()) {
            throw new IllegalStateException("This PhantomDB client was released to pool '" + poolName
                    + "' and must not be used any more; acquire another one");
        }
        try {
            return lease.get();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("This PhantomDB client's lease from pool '" + poolName
                    + "' has ended; acquire another one", e);
        }
    }

    @Override
    public void close() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        HttpTransport transport;
        try {
            transport = lease.get();
        } catch (IllegalStateException alreadyEnded) {
            lease.close();
            return;
        }
        if (transport.connectionFailed()) {
            lease.invalidate();
        } else {
            lease.close();
        }
    }

    @Override
    public boolean isClosed() {
        return released.get();
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public String describe() {
        return "pooled from '" + poolName + "'";
    }
}
