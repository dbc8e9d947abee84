package dev.lagoon;

import java.time.Duration;

/**
 * One borrower's hold on one pooled connection: the RAII guard of the pool.
 *
 * <p>Use it with try-with-resources:
 * <pre>{@code
 * try (Lease<Socket> lease = pool.acquire()) {
 *     lease.get().getOutputStream().write(bytes);
 * }
 * }</pre>
 *
 * <p>A lease is valid from {@link Pool#acquire()} until its first {@link #close()} or
 * {@link #invalidate()}. After that every method but {@code close}, {@code invalidate} and
 * {@code id} throws {@link IllegalStateException}, even when the same connection has since been
 * leased to somebody else: a stale lease can never reach another borrower's connection.
 *
 * <p>Threads: a lease ends once. Calls to {@code close()} and {@code invalidate()} one after
 * the other are safe (the later ones do nothing), but they must not run concurrently on two
 * threads for the same lease: both could reset the connection, the later one after the pool
 * had already lent it again. Like the connection it holds, a lease is ended by one thread; a
 * lease handed between threads is handed over with the usual happens-before (a queue, a
 * future). The pool keeps this guard out of the lease so that a borrow and a return cost one
 * atomic instruction each; the JDBC wrapper, whose contract lets any thread close it, adds it.
 *
 * <p>Memory effects: everything the borrower did before {@code close()} happens-before the
 * next borrower's {@link Pool#acquire()} of the same connection returns.
 *
 * @param <C> the connection type
 */
public interface Lease<C> extends AutoCloseable {

    /**
     * The leased connection.
     *
     * @return the connection, never {@code null}
     * @throws IllegalStateException if this lease was closed or invalidated
     */
    C get();

    /**
     * The pool-wide identifier of the leased connection (stable across its borrows).
     *
     * @return the connection's id
     */
    long id();

    /**
     * How long ago the leased connection was created.
     *
     * @return the connection's age
     * @throws IllegalStateException if this lease was closed or invalidated
     */
    Duration age();

    /**
     * Returns the connection to the pool. A second call is a no-op. It never throws: a
     * connection that cannot be reset is destroyed instead.
     */
    @Override
    void close();

    /**
     * Marks the connection broken: it is destroyed instead of returned, and the lease ends.
     * A call after the lease ended is a no-op.
     */
    void invalidate();
}
