package dev.lagoon.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One pooled connection and its state.
 *
 * <p>The state and a borrow stamp share one {@code long} word ({@code stamp << 2 | state})
 * changed only by compare-and-set, so "this exact lease still owns this slot" is one atomic
 * check. Every legal transition is one method below:
 * <pre>
 *   IDLE     --tryBorrow-->    BORROWED(stamp+1)   a borrower holding an idle token claims it
 *   IDLE     --tryReserve-->   RESERVED            maintenance or close takes it to retire it
 *   BORROWED --beginReturn-->  RESERVED            the lease with that stamp gives it back
 *   BORROWED --killLease-->    DEAD                the lease with that stamp destroys it
 *   RESERVED --markIdle-->     IDLE                a return completed
 *   RESERVED --killReserved--> DEAD                retired
 * </pre>
 * Only {@code tryBorrow}, {@code tryReserve}, {@code beginReturn} and {@code killLease} can
 * race; {@code markIdle} and {@code killReserved} are called by the single owner of a
 * RESERVED slot.
 *
 * <p>Memory effects: a successful transition is a volatile write; the plain fields written by
 * the owner before it (timestamps, counters) are visible to the next owner after its own
 * successful transition.
 *
 * @param <C> the connection type
 */
public final class Slot<C> {
    private static final int STATE_BITS = 2;
    private static final long STATE_MASK = (1L << STATE_BITS) - 1;
    private static final int IDLE = 0;
    private static final int BORROWED = 1;
    private static final int RESERVED = 2;
    private static final int DEAD = 3;
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

    /** @return the stamp of the current (or last) borrow */
    long stamp() {
        return word >>> STATE_BITS;
    }

    /** @return whether the lease with {@code stamp} still owns the slot */
    boolean isLeasedBy(long stamp) {
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

    /** IDLE to RESERVED. @return whether this caller now owns the slot */
    boolean tryReserve() {
        long w = word;
        return (w & STATE_MASK) == IDLE && WORD.compareAndSet(this, w, (w & ~STATE_MASK) | RESERVED);
    }

    /** BORROWED(stamp) to RESERVED. @return false if that lease had already ended */
    boolean beginReturn(long stamp) {
        long w = (stamp << STATE_BITS) | BORROWED;
        return WORD.compareAndSet(this, w, (stamp << STATE_BITS) | RESERVED);
    }

    /** BORROWED(stamp) to DEAD. @return false if that lease had already ended */
    boolean killLease(long stamp) {
        long w = (stamp << STATE_BITS) | BORROWED;
        return WORD.compareAndSet(this, w, (stamp << STATE_BITS) | DEAD);
    }

    /** RESERVED to IDLE, by the owner. */
    void markIdle() {
        long w = word;
        assert (w & STATE_MASK) == RESERVED : "markIdle from " + state();
        word = (w & ~STATE_MASK) | IDLE;
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
