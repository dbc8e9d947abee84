package dev.lagoon;

/** How a pool orders borrowers when connections are scarce. */
public enum Fairness {
    /**
     * Borrowers are served strictly in arrival order: while anybody waits, a newcomer queues
     * behind them even if a connection has just come back. The default.
     */
    FIFO,
    /**
     * A newcomer may take an idle connection ahead of queued waiters. Waiters are still served
     * in order among themselves. Higher throughput under contention, no fairness bound.
     */
    BARGING
}
