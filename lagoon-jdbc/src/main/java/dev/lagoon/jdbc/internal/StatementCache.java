package dev.lagoon.jdbc.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The idle prepared statements of one physical connection, least recently used first.
 *
 * <p>A statement is either idle here or in use by the connection's current borrower, never
 * both: {@link #take} removes it, and the borrower's {@code close()} {@link #put puts} it
 * back. Only the thread holding the connection's lease touches the cache (and the pool's
 * thread that destroys the connection, after the lease ended), so it needs no lock; the
 * lease hand-off orders those accesses.
 */
public final class StatementCache {

    private static final Logger LOG = LoggerFactory.getLogger(StatementCache.class);

    private final int capacity;
    private final LinkedHashMap<StatementKey, PreparedStatement> idle;

    /** @param capacity the most idle statements kept, at least 1 */
    public StatementCache(int capacity) {
        this.capacity = capacity;
        this.idle = new LinkedHashMap<>(Math.min(capacity, 64) * 2, 0.75f, true);
    }

    /**
     * @param key the statement wanted
     * @return an idle statement for the key, now owned by the caller, or {@code null}
     */
    public PreparedStatement take(StatementKey key) {
        return idle.remove(key);
    }

    /**
     * Keeps a statement the borrower has finished with. If one is already idle under the same
     * key (the borrower prepared the same SQL twice at once), the older one is closed; past
     * the capacity the least recently used statement is closed.
     *
     * @param key       its key
     * @param statement the statement, cleared for reuse
     */
    public void put(StatementKey key, PreparedStatement statement) {
        PreparedStatement previous = idle.put(key, statement);
        if (previous != null && previous != statement) {
            closeQuietly(previous);
        }
        if (idle.size() > capacity) {
            Iterator<PreparedStatement> eldest = idle.values().iterator();
            PreparedStatement evicted = eldest.next();
            eldest.remove();
            closeQuietly(evicted);
        }
    }

    /** @return how many statements are idle in the cache */
    public int size() {
        return idle.size();
    }

    /** Closes every idle statement; called when the connection is destroyed. */
    public void closeAll() {
        List<PreparedStatement> all = new ArrayList<>(idle.values());
        idle.clear();
        for (PreparedStatement ps : all) {
            closeQuietly(ps);
        }
    }

    /** @return a snapshot of the idle statements, least recently used first (for tests) */
    public Map<StatementKey, PreparedStatement> snapshot() {
        return new LinkedHashMap<>(idle);
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException e) {
            LOG.debug("Closing a cached statement failed", e);
        }
    }
}
