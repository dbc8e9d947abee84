package dev.lagoon.internal;

/** The states of a pooled connection's {@link Slot}. */
public enum SlotState {
    /** In the pool, claimable by any borrower. */
    IDLE,
    /** Owned by one borrower (or by the thread preparing it for one). */
    BORROWED,
    /** Owned by the thread returning it (reset, checks); still counted as used. */
    RETURNING,
    /** Owned by the pool itself: being reaped or closed. */
    RESERVED,
    /** Closed or being closed; never leaves this state. */
    DEAD
}
