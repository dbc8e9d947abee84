package dev.lagoon.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The pool's counts in one atomic word: idle tokens, used connections and waiting borrowers.
 *
 * <p>An <em>idle token</em> is the right to claim one IDLE slot. The invariant that makes the
 * slot scan always succeed: the number of IDLE slots is at least the number of tokens in the
 * word plus the tokens held by threads still scanning. Hence a slot is made IDLE
 * <em>before</em> its token is added, and a token is taken <em>before</em> a slot is
 * claimed. Because the three counts change together, a snapshot of them is linearizable.
 *
 * <p>Layout: bits 0-20 idle, 21-41 used, 42-63 waiting.
 */
final class Ledger {
    static final long IDLE_ONE = 1L;
    static final long USED_ONE = 1L << 21;
    static final long WAIT_ONE = 1L << 42;
    private static final long MASK21 = (1L << 21) - 1;

    /** What {@link #takeTokenOrEnqueue} decided. */
    enum Decision { TOKEN, ENQUEUED, EXHAUSTED }

    private final AtomicLong word = new AtomicLong();

    static int idle(long w) {
        return (int) (w & MASK21);
    }

    static int used(long w) {
        return (int) ((w >>> 21) & MASK21);
    }

    static int waiting(long w) {
        return (int) (w >>> 42);
    }

    long get() {
        return word.get();
    }

    /**
     * Takes an idle token for a borrower (idle-1, used+1). Under FIFO fairness a newcomer does
     * not take one while anybody waits.
     */
    boolean takeToken(boolean fifo) {
        for (;;) {
            long w = word.get();
            if (idle(w) == 0 || (fifo && waiting(w) > 0)) {
                return false;
            }
            if (word.compareAndSet(w, w - IDLE_ONE + USED_ONE)) {
                return true;
            }
        }
    }

    /** Takes an idle token without making it used (maintenance, close). */
    boolean takeIdleToken() {
        for (;;) {
            long w = word.get();
            if (idle(w) == 0) {
                return false;
            }
            if (word.compareAndSet(w, w - IDLE_ONE)) {
                return true;
            }
        }
    }

    /**
     * One atomic decision for a borrower that found no token on its fast path: take a token
     * if one is free (and, under FIFO, nobody waits), else join the waiters if there is room.
     */
    Decision takeTokenOrEnqueue(boolean fifo, int maxWaiting) {
        for (;;) {
            long w = word.get();
            if (idle(w) > 0 && (!fifo || waiting(w) == 0)) {
                if (word.compareAndSet(w, w - IDLE_ONE + USED_ONE)) {
                    return Decision.TOKEN;
                }
            } else if (waiting(w) >= maxWaiting) {
                return Decision.EXHAUSTED;
            } else if (word.compareAndSet(w, w + WAIT_ONE)) {
                return Decision.ENQUEUED;
            }
        }
    }

    /**
     * Serves one waiter from the idle tokens (idle-1, used+1, waiting-1).
     * @return false if there is no idle token or no waiter
     */
    boolean serveWaiter() {
        for (;;) {
            long w = word.get();
            if (idle(w) == 0 || waiting(w) == 0) {
                return false;
            }
            if (word.compareAndSet(w, w - IDLE_ONE + USED_ONE - WAIT_ONE)) {
                return true;
            }
        }
    }

    /** @return the new word */
    long add(long delta) {
        return word.addAndGet(delta);
    }
}
