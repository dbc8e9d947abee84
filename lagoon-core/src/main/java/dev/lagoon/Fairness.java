package dev.lagoon;

/** How a pool orders borrowers when connections are scarce. */
public enum Fairness {
    /**
     * Borrowers are served strictly in arrival order: while anybody waits, a newcomer queues
     * behind them even if a connection has just come back. The default.
     */
    FIFO,
    /**
     * A newcomer may take an idle connection ahead of queued waiters. A returned connection
     * wakes the oldest waiting thread, which then competes for it with running borrowers and
     * waits again if it loses; so under contention running threads keep their pace instead of
     * paying a thread wake-up per borrow. Much higher throughput under contention, no fairness
     * bound.
     */
    BARGING
}
