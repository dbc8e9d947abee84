package dev.lagoon;

/**
 * A consistent snapshot of a pool's counts.
 *
 * <p>{@code available}, {@code used} and {@code pending} describe one moment of the pool's
 * history (the snapshot is linearizable), even while other threads borrow and return. Taking
 * one costs a read of every connection's state, twice; borrowing does not pay for it. Only
 * under a churn of many borrows per microsecond, when 64 attempts in a row see a change, does
 * a snapshot settle for counts read at slightly different moments (still
 * {@code available + used <= total}).
 *
 * @param available idle connections ready to be leased
 * @param used      connections leased to borrowers (including ones being validated for one or being returned)
 * @param min       the configured minimum size
 * @param max       the configured maximum size
 * @param pending   borrowers waiting for a connection
 * @param total     open connections, whatever their state (not counting ones being created)
 */
public record PoolStatus(int available, int used, int min, int max, int pending, int total) {
}
