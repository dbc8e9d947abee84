package dev.lagoon.internal;

/** The states of a pooled connection's {@link Slot}. */
public enum SlotState {
    /** In the pool, claimable by any borrower. */
    IDLE,
    /** Owned by one borrower, by the thread preparing it for one, or by the thread returning it. */
    BORROWED,
    /** Owned by the pool itself: being reaped or closed. */
    RESERVED,
    /** Closed or being closed; never leaves this state. */
    DEAD
}
