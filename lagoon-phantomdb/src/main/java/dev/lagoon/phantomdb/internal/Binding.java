package dev.lagoon.phantomdb.internal;

/**
 * Where a {@code PhantomDB} client's requests go, and what closing the client means: a client of
 * its own closes its transport ({@link OwnedBinding}); a pooled client gives its lease back
 * ({@link LeasedBinding}).
 */
public interface Binding {

    /**
     * @return the transport to send the next request through
     * @throws IllegalStateException if the client was closed or released
     */
    HttpTransport transport();

    /** Closes or releases the client. Idempotent; never throws. */
    void close();

    /** @return whether {@link #close()} was called */
    boolean isClosed();

    /** @return the base URL requests go to */
    String baseUrl();

    /** @return a short description for {@code toString}, such as "standalone" or "pooled from 'x'" */
    String describe();
}
