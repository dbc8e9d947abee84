package dev.lagoon.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One pooled connection and its state.
 *
 * <p>The state and a stamp share one {@code long} word ({@code stamp << 3 | state}) changed
 * only by compare-and-set or by the slot's single owner, so "this exact lease still owns this
 * slot" is one atomic check. Every legal transition is one method below:
 * <pre>
 *   IDLE      --tryBorrow-->    BORROWED(stamp+1)   a borrower claims it
 *   IDLE      --tryReserve-->   RESERVED(stamp+1)   maintenance or close takes it to retire it
 *   BORROWED  --endLease-->     IDLE                the lease with that stamp gave it back (reset done)
 *   BORROWED  --killLease-->    DEAD                the lease with that stamp destroys it
 *   RESERVED  --killReserved--> DEAD                retired by its reserver
 * </pre>
 * All but {@code killReserved} are compare-and-set and may race; {@code killReserved} is
 * called by the single owner of a RESERVED slot.
 *
 * <p>A return resets the connection while the slot is still BORROWED and then ends the lease
 * with one compare-and-set, so a borrow and a return each cost one atomic instruction on the
 * slot's word. The slot therefore counts as used until its reset has completed. The price:
 * nothing in the word stops two threads from returning the same lease at once, so the lease
 * objects allow one return each (see {@link dev.lagoon.Lease#close()}).
 *
 * <p>No word value ever comes back: every way into IDLE or RESERVED raises the stamp or
 * changes the state from one that does. A reader that sees the same word twice therefore
 * knows the slot did not change in between, which {@link PoolEngine#status()} relies on to
 * take a consistent snapshot without a shared counter.
 *
 * <p>Memory effects: a successful transition is a volatile write; the plain fields written by
 * the owner before it (timestamps, counters) are visible to the next owner after its own
 * successful transition.
 *
 * @param <C> the connection type
 */
public final class Slot<C> {
    private static final int STATE_BITS = 3;
    private static final long STATE_MASK = (1L << STATE_BITS) - 1;
    static final int IDLE = 0;
    static final int BORROWED = 1;
    static final int RESERVED = 2;
    static final int DEAD = 3;
    private static final VarHandle WORD;

    static {
        try {
            WORD = MethodHandles.lookup().findVarHandle(Slot.class, "word", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final long id;
    final C connection;
    final long createdAt;
    /** Policy-clock time at which the connection is retired; Long.MAX_VALUE = never. */
    final long expiresAt;

    @SuppressWarnings("unused") // accessed through WORD
    private volatile long word;

    // Written only by the slot's current owner; published by the next state transition.
    long lastUsedAt;
    long borrowedAt;
    long borrows;
    volatile Throwable acquiredAt; // read by the housekeeper for leak reports; written only when leak detection is on
    boolean leakReported;

    Slot(long id, C connection, long createdAt, long expiresAt) {
        this.id = id;
        this.connection = connection;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.lastUsedAt = createdAt;
        this.word = IDLE; // stamp 0
    }

    /** @return the current state */
    public SlotState state() {
        return SlotState.values()[(int) (word & STATE_MASK)];
    }

    boolean isIdle() {
        return (word & STATE_MASK) == IDLE;
    }

    boolean isBorrowed() {
        return (word & STATE_MASK) == BORROWED;
    }

    /** @return the whole state word, for snapshots */
    long word() {
        return word;
    }

    /** @return the state bits of a word returned by {@link #word()} */
    static int stateOf(long word) {
        return (int) (word & STATE_MASK);
    }

    /** @return the connection */
    public C connection() {
        return connection;
    }

    /** @return the connection's id, unique within its pool */
    public long id() {
        return id;
    }

    /** @return the stamp of the current (or last) borrow; stable while the caller owns the slot */
    public long stamp() {
        return word >>> STATE_BITS;
    }

    /**
     * @param stamp a lease's stamp
     * @return whether the lease with {@code stamp} still owns the slot
     */
    public boolean isLeasedBy(long stamp) {
        return word == ((stamp << STATE_BITS) | BORROWED);
    }

    /** IDLE to BORROWED with a new stamp. @return the new stamp, or -1 if the slot was not idle */
    long tryBorrow() {
        long w = word;
        if ((w & STATE_MASK) != IDLE) {
            return -1;
        }
        long stamp = (w >>> STATE_BITS) + 1;
        return WORD.compareAndSet(this, w, (stamp << STATE_BITS) | BORROWED) ? stamp : -1;
    }

    /** IDLE to RESERVED with a new stamp. @return whether this caller now owns the slot */
    boolean tryReserve() {
        long w = word;
        return (w & STATE_MASK) == IDLE
                && WORD.compareAndSet(this, w, ((w >>> STATE_BITS) + 1) << STATE_BITS | RESERVED);
    }

    /**
     * BORROWED(stamp) to IDLE: the lease with that stamp is over and its connection is ready
     * for the next borrower. A compare-and-set, and it must stay one (or another full fence):
     * the releaser reads the waiter word right after it, and that store-then-load is half of
     * the hand-shake that keeps a new waiter from missing this connection.
     *
     * @return false if that lease had already ended (returned, or killed meanwhile)
     */
    boolean endLease(long stamp) {
        long w = (stamp << STATE_BITS) | BORROWED;
        return WORD.compareAndSet(this, w, (stamp << STATE_BITS) | IDLE);
    }

    /** BORROWED(stamp) to DEAD. @return false if that lease had already ended */
    boolean killLease(long stamp) {
        long w = (stamp << STATE_BITS) | BORROWED;
        return WORD.compareAndSet(this, w, (stamp << STATE_BITS) | DEAD);
    }

    /** RESERVED to DEAD, by the owner. */
    void killReserved() {
        long w = word;
        assert (w & STATE_MASK) == RESERVED : "killReserved from " + state();
        word = (w & ~STATE_MASK) | DEAD;
    }

    @Override
    public String toString() {
        return "Slot{id=" + id + ", state=" + state() + ", stamp=" + stamp() + '}';
    }
}
