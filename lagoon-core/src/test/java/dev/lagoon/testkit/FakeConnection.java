package dev.lagoon.testkit;

import java.util.concurrent.atomic.AtomicInteger;

/** A connection that records how it is used, to check the pool's guarantees. */
public final class FakeConnection {
    public final int id;
    public volatile boolean valid = true;
    final AtomicInteger closes = new AtomicInteger();
    final AtomicInteger resets = new AtomicInteger();
    final AtomicInteger validations = new AtomicInteger();
    private final AtomicInteger holders = new AtomicInteger();

    FakeConnection(int id) {
        this.id = id;
    }

    /** Marks the start of a borrower's use. @throws AssertionError if another borrower holds it */
    public void enter() {
        if (holders.incrementAndGet() != 1) {
            throw new AssertionError("connection " + id + " handed to two borrowers at once");
        }
        if (closes.get() > 0) {
            throw new AssertionError("connection " + id + " handed out after it was closed");
        }
    }

    /** Marks the end of a borrower's use. */
    public void exit() {
        holders.decrementAndGet();
    }

    /** @return how often the pool closed it */
    public int closes() {
        return closes.get();
    }

    /** @return how often the pool reset it */
    public int resets() {
        return resets.get();
    }

    /** @return how often the pool validated it */
    public int validations() {
        return validations.get();
    }

    @Override
    public String toString() {
        return "FakeConnection#" + id;
    }
}
