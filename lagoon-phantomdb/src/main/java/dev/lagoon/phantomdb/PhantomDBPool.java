package dev.lagoon.phantomdb;

import dev.lagoon.AcquireTimeoutException;
import dev.lagoon.Lease;
import dev.lagoon.Pool;
import dev.lagoon.PoolClosedException;
import dev.lagoon.PoolException;
import dev.lagoon.PoolExhaustedException;
import dev.lagoon.PoolStatus;
import dev.lagoon.phantomdb.internal.HttpTransport;
import dev.lagoon.phantomdb.internal.LeasedBinding;
import dev.lagoon.phantomdb.internal.TransportFactory;

import java.time.Duration;

/**
 * A pool of {@link PhantomDB} clients, with the seeds' API in Java form, on Lagoon's pool engine.
 *
 * <p>Both of the seeds' shapes work. Acquire and release (Python, Go, JavaScript):
 * <pre>{@code
 * PhantomDBPool pool = PhantomDBPool.create("http://localhost:8080");
 * PhantomDB client = pool.acquire();
 * try {
 *     client.listDatabases();
 * } finally {
 *     pool.release(client);
 * }
 * pool.close();
 * }</pre>
 * or try-with-resources, which releases the client when the block ends (Rust's RAII guard):
 * <pre>{@code
 * try (PhantomDB client = pool.acquire()) {
 *     client.listDatabases();
 * }
 * }</pre>
 *
 * <h2>What is pooled</h2>
 * Each pooled client holds its own JDK {@code HttpClient}, with its own keep-alive connections
 * and threads. Creating one opens no connection, so the pool starts with
 * {@code minConnections} clients available even while the server is down, as the seeds'
 * tests expect. Before a client is lent it is checked with {@code GET /health} (unless it was
 * used within {@link PhantomDBPoolConfig#validationBypassWindow()}); a client that fails the
 * check is closed and replaced. A client one of whose requests could not reach the server is
 * closed when it is released instead of going back to the pool. Once a check or a request has
 * found the server unreachable or unhealthy, a replacement client is only made after
 * {@code GET /health} answers healthy: while the server is down, {@link #acquire()} waits (the
 * engine retries with back-off) and fails after the acquire timeout with
 * {@link PhantomDBException.Kind#POOL_TIMEOUT}, whose message names the last failure; as soon
 * as the server is back, new clients are made and lent. Clients idle longer than
 * {@link PhantomDBPoolConfig#idleTimeout()} above {@code minConnections} are closed in the
 * background.
 *
 * <h2>Errors</h2>
 * Pool failures are {@link PhantomDBException}s wrapping the engine's exception, with the
 * engine's message, which begins with the seeds' text: {@link PhantomDBException.Kind#POOL_TIMEOUT}
 * ({@code "Timeout acquiring connection from pool 'name' after 30000 ms"}),
 * {@link PhantomDBException.Kind#POOL_CLOSED} ({@code "Connection pool is closed ('name')"}) and
 * {@link PhantomDBException.Kind#POOL_EXHAUSTED} (the wait queue is full). So one
 * {@code catch (PhantomDBException e)} handles everything a pooled call can throw, as in the
 * seeds.
 *
 * <h2>Borrowed clients</h2>
 * A client is lent to one borrower at a time. Releasing it (by {@link #release} or its
 * {@link PhantomDB#close()}) twice is a no-op. A released client, and any
 * {@linkplain PhantomDB#inTransaction transaction view} of it, throws
 * {@link IllegalStateException} on every call, even once its connection has been lent to
 * somebody else.
 *
 * <p>All methods are thread-safe.
 */
public final class PhantomDBPool implements AutoCloseable {
    private final PhantomDBPoolConfig config;
    private final Pool<HttpTransport> pool;

    private PhantomDBPool(PhantomDBPoolConfig config) {
        this.config = config;
        this.pool = Pool.create(new TransportFactory(config.transportSettings(), config.validationTimeout()),
                config.toPoolConfig());
    }

    /**
     * A pool with every option at its default: {@code http://localhost:8080}, 2 to 10 clients,
     * 30 s acquire timeout, 60 s idle timeout.
     *
     * @return the started pool, holding {@code minConnections} clients
     */
    public static PhantomDBPool create() {
        return create(PhantomDBPoolConfig.builder().build());
    }

    /**
     * A pool for {@code baseUrl} with the other options at their defaults.
     *
     * @param baseUrl the server
     * @return the started pool
     * @throws IllegalArgumentException if the URL is not an http(s) URL with a host
     */
    public static PhantomDBPool create(String baseUrl) {
        return create(PhantomDBPoolConfig.builder().baseUrl(baseUrl).build());
    }

    /**
     * A pool with the given options. Creates {@code minConnections} clients before it returns.
     *
     * @param config the options
     * @return the started pool
     * @throws IllegalArgumentException if {@code config} is null
     */
    public static PhantomDBPool create(PhantomDBPoolConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        return new PhantomDBPool(config);
    }

    /**
     * Borrows a client, waiting at most {@link PhantomDBPoolConfig#acquireTimeout()}. Give it
     * back with {@link #release} or its {@link PhantomDB#close()}.
     *
     * @return a client lent to the caller alone
     * @throws PhantomDBException {@link PhantomDBException.Kind#POOL_TIMEOUT} if none became
     *                            available in time, {@link PhantomDBException.Kind#POOL_CLOSED}
     *                            if the pool is closed, {@link PhantomDBException.Kind#POOL_EXHAUSTED}
     *                            if too many callers already wait,
     *                            {@link PhantomDBException.Kind#INTERRUPTED} if the thread was
     *                            interrupted while waiting
     */
    public PhantomDB acquire() {
        return acquire(config.acquireTimeout());
    }

    /**
     * Borrows a client, waiting at most {@code timeout}.
     *
     * @param timeout the longest wait ({@link Duration#ZERO}: do not wait)
     * @return a client lent to the caller alone
     * @throws PhantomDBException as {@link #acquire()}
     * @throws IllegalArgumentException if {@code timeout} is null or negative
     */
    public PhantomDB acquire(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout (" + timeout + ") must be zero or positive");
        }
        Lease<HttpTransport> lease;
        try {
            lease = pool.acquire(timeout);
        } catch (AcquireTimeoutException e) {
            throw PhantomDBException.poolError(PhantomDBException.Kind.POOL_TIMEOUT, e);
        } catch (PoolClosedException e) {
            throw PhantomDBException.poolError(PhantomDBException.Kind.POOL_CLOSED, e);
        } catch (PoolExhaustedException e) {
            throw PhantomDBException.poolError(PhantomDBException.Kind.POOL_EXHAUSTED, e);
        } catch (PoolException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw PhantomDBException.poolError(PhantomDBException.Kind.INTERRUPTED, e);
            }
            throw e;
        }
        return new PhantomDB(new LeasedBinding(this, config.name(), config.baseUrl(), lease), null);
    }

    /**
     * Gives a borrowed client back. Releasing a client twice does nothing; releasing a
     * {@linkplain PhantomDB#inTransaction transaction view} releases the client it belongs to.
     * After the pool is closed a released client is closed instead.
     *
     * @param client a client this pool lent
     * @throws IllegalArgumentException if {@code client} is null or was not lent by this pool
     */
    public void release(PhantomDB client) {
        if (client == null) {
            throw new IllegalArgumentException("client must not be null");
        }
        if (!(client.binding() instanceof LeasedBinding leased) || leased.owner() != this) {
            throw new IllegalArgumentException("client " + client + " was not acquired from pool '" + config.name() + "'");
        }
        leased.close();
    }

    /**
     * A consistent snapshot of the pool's counts: {@code available} (idle clients),
     * {@code used} (lent ones), {@code min}, {@code max}, {@code pending} (callers waiting in
     * {@link #acquire()}) and {@code total} (open clients).
     *
     * @return the counts
     */
    public PoolStatus getStatus() {
        return pool.status();
    }

    /** @return the pool's configuration */
    public PhantomDBPoolConfig config() {
        return config;
    }

    /** @return the pool's name */
    public String name() {
        return config.name();
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return pool.isClosed();
    }

    /**
     * Closes the pool at once: waiting callers fail with
     * {@link PhantomDBException.Kind#POOL_CLOSED}, idle clients are closed, lent ones are closed
     * when they are released, and later {@link #acquire()}s fail. Idempotent.
     */
    @Override
    public void close() {
        pool.close();
    }

    /**
     * Stops lending, waits up to {@code gracePeriod} for every lent client to come back, then
     * {@linkplain #close() closes}.
     *
     * @param gracePeriod the longest wait for lent clients
     * @return {@code true} if every client came back in time
     */
    public boolean close(Duration gracePeriod) {
        return pool.close(gracePeriod);
    }

    @Override
    public String toString() {
        return "PhantomDBPool{" + config.name() + ", " + config.baseUrl() + ", " + pool.status() + '}';
    }
}
