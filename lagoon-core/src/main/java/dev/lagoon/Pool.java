package dev.lagoon;

import dev.lagoon.internal.PoolEngine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A pool of connections of any type, made by a {@link ConnectionFactory}.
 *
 * <pre>{@code
 * Pool<Socket> pool = Pool.create(new TcpConnectionFactory("db.local", 7000),
 *         PoolConfig.builder().maxSize(20).build());
 * try (Lease<Socket> lease = pool.acquire()) {
 *     use(lease.get());
 * }
 * pool.close();
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>A connection is leased to at most one borrower at a time, and a lease that ended can
 *       never reach the connection again.</li>
 *   <li>The pool never holds more than {@link PoolConfig#maxSize()} connections, counting
 *       those being created, and keeps at least {@link PoolConfig#minSize()} open.</li>
 *   <li>{@link #acquire(Duration)} returns or throws by its deadline, even when the factory
 *       hangs: connections are created on the pool's own threads.</li>
 *   <li>Under {@link Fairness#FIFO} borrowers are served in arrival order. A borrower that
 *       timed out or cancelled never receives a connection, and none is lost to it.</li>
 *   <li>Every connection is closed exactly once.</li>
 * </ul>
 *
 * <p>All methods are thread-safe and never block while holding a monitor, so virtual threads
 * may call them freely.
 *
 * @param <C> the connection type
 */
public interface Pool<C> extends AutoCloseable {

    /**
     * Starts a pool: opens {@link PoolConfig#initialSize()} connections (waiting for them at
     * most {@link PoolConfig#acquireTimeout()}) and starts the maintenance thread. Creation
     * failures at start are logged and retried in the background, unless
     * {@link PoolConfig#failFast()} is set.
     *
     * @param factory makes the connections
     * @param config  the validated configuration
     * @param <C>     the connection type
     * @return the running pool
     * @throws IllegalArgumentException if an argument is null
     * @throws ConnectionCreationException with {@code failFast}, when the initial connections fail
     */
    static <C> Pool<C> create(ConnectionFactory<C> factory, PoolConfig config) {
        if (factory == null) {
            throw new IllegalArgumentException("factory must not be null");
        }
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        return PoolEngine.start(factory, config);
    }

    /**
     * Leases a connection, waiting at most {@link PoolConfig#acquireTimeout()}.
     *
     * @return the lease; close it to give the connection back
     * @throws AcquireTimeoutException if none became available in time
     * @throws PoolExhaustedException  if the wait queue is full
     * @throws PoolClosedException     if the pool is closed
     */
    Lease<C> acquire();

    /**
     * Leases a connection, waiting at most {@code timeout} ({@link Duration#ZERO}: do not wait).
     *
     * @param timeout the longest wait
     * @return the lease
     * @throws AcquireTimeoutException if none became available in time
     * @throws PoolExhaustedException  if the wait queue is full
     * @throws PoolClosedException     if the pool is closed
     * @throws PoolException           if the thread is interrupted while waiting (its interrupt
     *                                 flag is set again)
     */
    Lease<C> acquire(Duration timeout);

    /**
     * Leases a connection without blocking the caller. The future completes with the lease or
     * with one of the exceptions {@link #acquire()} throws, after at most
     * {@link PoolConfig#acquireTimeout()}. Cancelling the future withdraws the request; a
     * connection that arrives for a cancelled request goes back to the pool. Dependent actions
     * run on a pool thread or on the caller's, so they should not block for long.
     *
     * @return the future lease
     */
    CompletableFuture<Lease<C>> acquireAsync();

    /**
     * Like {@link #acquireAsync()} with an explicit timeout.
     *
     * @param timeout the longest wait
     * @return the future lease
     */
    CompletableFuture<Lease<C>> acquireAsync(Duration timeout);

    /** @return a snapshot of the pool's counts */
    PoolStatus status();

    /** @return the pool's configuration */
    PoolConfig config();

    /** @return the pool's name */
    default String name() {
        return config().name();
    }

    /** @return whether {@link #close()} has been called */
    boolean isClosed();

    /**
     * Closes the pool at once: waiters fail with {@link PoolClosedException}, idle connections
     * are closed, leased ones are closed when they come back, later acquires fail, and the
     * pool's threads stop. Idempotent.
     */
    @Override
    void close();

    /**
     * Stops lending, waits up to {@code gracePeriod} for every lease to come back, then
     * {@link #close() closes}.
     *
     * @param gracePeriod the longest wait for outstanding leases
     * @return {@code true} if every lease came back in time
     */
    boolean close(Duration gracePeriod);
}
