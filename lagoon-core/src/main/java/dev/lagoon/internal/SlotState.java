package dev.lagoon.internal;

/** The states of a pooled connection's {@link Slot}. */
public enum SlotState {
    /** In the pool, claimable by whoever holds an idle token. */
    IDLE,
    /** Owned by one borrower (or by the thread preparing it for one). */
    BORROWED,
    /** Owned by the pool itself: being returned, reaped, or evicted. */
    RESERVED,
    /** Closed or being closed; never leaves this state. */
    DEAD
}
