package dev.lagoon.server.internal.tx;

import dev.lagoon.server.internal.ApiException;
import dev.lagoon.server.internal.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The open PhantomDB transactions. Each one holds a backend connection, leased from the pool
 * with auto-commit off, from {@link #begin()} until it is committed, rolled back, expires after
 * being idle longer than the timeout, or the server shuts down.
 *
 * <p>Concurrency: a transaction is used by one request at a time; its {@link ReentrantLock}
 * (never {@code synchronized}, so virtual threads do not pin) guards its state and connection.
 * A second request for the same transaction waits up to the busy timeout, then gets 409.
 * The reaper ({@link #expireIdle()}) only takes a transaction's lock with {@code tryLock}, so it
 * never waits for a request and never expires one that is in use.
 *
 * <p>Ended transactions leave a tombstone (the most recent {@value #MAX_TOMBSTONES}), so a late
 * request is told that its transaction expired or was already committed, not just "unknown".
 *
 * <p>Time is read from the injected nano clock, so tests move time instead of sleeping.
 */
public final class TransactionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionRegistry.class);
    static final int MAX_TOMBSTONES = 10_000;

    /** Where connections come from. */
    @FunctionalInterface
    public interface ConnectionSource {
        /**
         * @return a backend connection; closing it gives it back
         * @throws SQLException when none can be had
         */
        Connection get() throws SQLException;
    }

    /** Work done with a transaction's connection. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * @param connection the transaction's connection, auto-commit off
         * @return the result
         * @throws SQLException from the driver
         */
        T run(Connection connection) throws SQLException;
    }

    /** How a transaction ended. */
    enum Ending {
        COMMITTED("was already committed"),
        ROLLED_BACK("was already rolled back"),
        EXPIRED(null),
        SHUTDOWN("was rolled back when the server shut down");

        private final String message;

        Ending(String message) {
            this.message = message;
        }
    }

    /** One open transaction. */
    private static final class Transaction {
        final String id;
        final Connection connection;
        final ReentrantLock lock = new ReentrantLock();
        /** Guarded by {@link #lock}; {@code null} while open. */
        Ending ending;
        /** Written under {@link #lock}, read by the reaper without it. */
        volatile long lastUsedNanos;

        Transaction(String id, Connection connection, long now) {
            this.id = id;
            this.connection = connection;
            this.lastUsedNanos = now;
        }
    }

    private final ConnectionSource source;
    private final long timeoutNanos;
    private final Duration timeout;
    private final int maxOpen;
    private final Duration busyWait;
    private final LongSupplier nanoClock;

    private final Map<String, Transaction> open = new ConcurrentHashMap<>();
    private final AtomicInteger slots = new AtomicInteger();
    private final Map<String, Ending> tombstones = new ConcurrentHashMap<>();
    private final Queue<String> tombstoneOrder = new ConcurrentLinkedQueue<>();
    private final LongAdder begun = new LongAdder();
    private final Map<Ending, LongAdder> ended = new ConcurrentHashMap<>();

    /**
     * @param source    where transaction connections are leased from
     * @param timeout   how long a transaction may stay idle before it is rolled back
     * @param maxOpen   how many transactions may be open at once
     * @param busyWait  how long a request waits for another request using the same transaction
     * @param nanoClock the time source, {@code System::nanoTime} outside tests
     */
    public TransactionRegistry(ConnectionSource source, Duration timeout, int maxOpen, Duration busyWait,
                               LongSupplier nanoClock) {
        this.source = source;
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        this.maxOpen = maxOpen;
        this.busyWait = busyWait;
        this.nanoClock = nanoClock;
        for (Ending e : Ending.values()) {
            ended.put(e, new LongAdder());
        }
    }

    /**
     * Leases a connection and opens a transaction on it.
     *
     * @return the new transaction's id
     * @throws ApiException 503 {@code TOO_MANY_TRANSACTIONS} when every slot is taken
     * @throws SQLException when no connection can be had or auto-commit cannot be turned off
     */
    public String begin() throws SQLException {
        if (slots.incrementAndGet() > maxOpen) {
            slots.decrementAndGet();
            throw new ApiException(ErrorCode.TOO_MANY_TRANSACTIONS, "all " + maxOpen
                    + " transaction slots are in use (each open transaction holds a backend connection);"
                    + " commit or roll back one first");
        }
        Connection connection;
        try {
            connection = source.get();
        } catch (SQLException | RuntimeException e) {
            slots.decrementAndGet();
            throw e;
        }
        try {
            connection.setAutoCommit(false);
        } catch (SQLException | RuntimeException e) {
            slots.decrementAndGet();
            closeQuietly(connection);
            throw e;
        }
        String id = UUID.randomUUID().toString();
        open.put(id, new Transaction(id, connection, nanoClock.getAsLong()));
        begun.increment();
        return id;
    }

    /**
     * Runs work on a transaction's connection, one request at a time.
     *
     * @param id   the transaction id
     * @param work what to do
     * @param <T>  the result type
     * @return the work's result
     * @throws ApiException 404 for an unknown, expired or ended transaction, 409 when busy
     * @throws SQLException from the work
     */
    public <T> T use(String id, Work<T> work) throws SQLException {
        Transaction tx = lockOpen(id);
        try {
            return work.run(tx.connection);
        } finally {
            tx.lastUsedNanos = nanoClock.getAsLong();
            tx.lock.unlock();
        }
    }

    /**
     * Commits and ends a transaction, giving its connection back.
     *
     * @param id the transaction id
     * @throws ApiException 404 for an unknown, expired or ended transaction
     * @throws SQLException when the commit fails (the transaction is then rolled back and ended)
     */
    public void commit(String id) throws SQLException {
        Transaction tx = lockOpen(id);
        try {
            try {
                tx.connection.commit();
            } catch (SQLException e) {
                end(tx, Ending.ROLLED_BACK);
                throw e;
            }
            end(tx, Ending.COMMITTED);
        } finally {
            tx.lock.unlock();
        }
    }

    /**
     * Rolls back and ends a transaction, giving its connection back.
     *
     * @param id the transaction id
     * @throws ApiException 404 for an unknown, expired or ended transaction
     */
    public void rollback(String id) {
        Transaction tx = lockOpen(id);
        try {
            end(tx, Ending.ROLLED_BACK);
        } finally {
            tx.lock.unlock();
        }
    }

    /**
     * Rolls back every transaction idle longer than the timeout. Never waits for a transaction
     * in use.
     *
     * @return how many expired
     */
    public int expireIdle() {
        int expired = 0;
        long now = nanoClock.getAsLong();
        for (Transaction tx : open.values()) {
            if (now - tx.lastUsedNanos > timeoutNanos && tx.lock.tryLock()) {
                try {
                    if (tx.ending == null && nanoClock.getAsLong() - tx.lastUsedNanos > timeoutNanos) {
                        end(tx, Ending.EXPIRED);
                        expired++;
                        LOG.info("transaction {} expired after {} ms idle and was rolled back", tx.id,
                                timeout.toMillis());
                    }
                } finally {
                    tx.lock.unlock();
                }
            }
        }
        return expired;
    }

    /**
     * Rolls back every open transaction, for shutdown. Waits up to {@code wait} for each one
     * still in use.
     *
     * @param wait how long to wait for a transaction that a request is still using
     * @return how many were rolled back
     */
    public int rollbackAll(Duration wait) {
        int count = 0;
        for (Transaction tx : new ArrayList<>(open.values())) {
            boolean locked;
            try {
                locked = tx.lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                locked = false;
            }
            if (!locked) {
                LOG.warn("transaction {} was still in use after {} ms at shutdown; closing its connection anyway",
                        tx.id, wait.toMillis());
                closeQuietly(tx.connection);
                continue;
            }
            try {
                if (tx.ending == null) {
                    end(tx, Ending.SHUTDOWN);
                    count++;
                }
            } finally {
                tx.lock.unlock();
            }
        }
        return count;
    }

    /**
     * Counters for {@code /stats} and {@code /metrics}.
     *
     * @param open       open now
     * @param begun      begun since start
     * @param committed  committed since start
     * @param rolledBack rolled back by the client since start
     * @param expired    expired since start
     * @param shutdown   rolled back at shutdown
     */
    public record Stats(int open, long begun, long committed, long rolledBack, long expired, long shutdown) {
    }

    /** @return the current counters */
    public Stats stats() {
        return new Stats(open.size(), begun.sum(), ended.get(Ending.COMMITTED).sum(),
                ended.get(Ending.ROLLED_BACK).sum(), ended.get(Ending.EXPIRED).sum(), ended.get(Ending.SHUTDOWN).sum());
    }

    private Transaction lockOpen(String id) {
        Transaction tx = open.get(id);
        if (tx == null) {
            throw gone(id, tombstones.get(id));
        }
        boolean locked;
        try {
            locked = tx.lock.tryLock(busyWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.SHUTTING_DOWN, "the request was interrupted");
        }
        if (!locked) {
            throw new ApiException(ErrorCode.TRANSACTION_BUSY, "transaction " + ApiException.echo(id)
                    + " is in use by another request that did not finish within " + busyWait.toMillis() + " ms");
        }
        if (tx.ending != null) {
            Ending ending = tx.ending;
            tx.lock.unlock();
            throw gone(id, ending);
        }
        return tx;
    }

    private ApiException gone(String id, Ending ending) {
        if (ending == null) {
            return new ApiException(ErrorCode.TRANSACTION_NOT_FOUND, "unknown transaction " + ApiException.echo(id)
                    + "; begin one with POST /transactions");
        }
        if (ending == Ending.EXPIRED) {
            return new ApiException(ErrorCode.TRANSACTION_EXPIRED, "transaction " + ApiException.echo(id)
                    + " expired: it was idle for more than " + describe(timeout) + " and was rolled back");
        }
        return new ApiException(ErrorCode.TRANSACTION_CLOSED, "transaction " + ApiException.echo(id) + " "
                + ending.message);
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Must hold {@code tx.lock}. Rolls back unless committed, gives the connection back, leaves a tombstone. */
    private void end(Transaction tx, Ending ending) {
        tx.ending = ending;
        try {
            if (ending != Ending.COMMITTED) {
                tx.connection.rollback();
            }
            tx.connection.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.warn("could not roll back or reset transaction {}: {}", tx.id, e.getMessage());
        } finally {
            closeQuietly(tx.connection);
            open.remove(tx.id);
            slots.decrementAndGet();
            ended.get(ending).increment();
            tombstones.put(tx.id, ending);
            tombstoneOrder.add(tx.id);
            while (tombstones.size() > MAX_TOMBSTONES) {
                String oldest = tombstoneOrder.poll();
                if (oldest == null) {
                    break;
                }
                tombstones.remove(oldest);
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("could not give a transaction connection back to the pool: {}", e.getMessage());
        }
    }
}
