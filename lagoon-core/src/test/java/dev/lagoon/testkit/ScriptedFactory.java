package dev.lagoon.testkit;

import dev.lagoon.ConnectionFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection factory whose behaviour each test scripts: "fail twice, then hang, then
 * succeed", "validation says no", "reset throws", "close is slow". It records everything so
 * {@link #assertInvariants(int)} can check the pool's promises after every test.
 */
public final class ScriptedFactory implements ConnectionFactory<FakeConnection> {

    /** What the next create() call does. */
    public enum Step { SUCCEED, FAIL, HANG }

    private final ConcurrentLinkedQueue<Step> script = new ConcurrentLinkedQueue<>();
    private volatile Step otherwise = Step.SUCCEED;
    private final CountDownLatch hangRelease = new CountDownLatch(1);
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger alive = new AtomicInteger();
    private final AtomicInteger maxAlive = new AtomicInteger();
    private final AtomicInteger hanging = new AtomicInteger();
    private final List<FakeConnection> created = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private volatile boolean resetThrows;
    private volatile boolean validationThrows;
    private volatile CountDownLatch validationGate;
    private volatile CountDownLatch closeGate;
    private volatile CountDownLatch resetGate;

    /** @param steps behaviours for the next create() calls, in order @return this */
    public ScriptedFactory then(Step... steps) {
        for (Step s : steps) {
            script.add(s);
        }
        return this;
    }

    /** @param n how many calls fail next @return this */
    public ScriptedFactory failNext(int n) {
        for (int i = 0; i < n; i++) {
            script.add(Step.FAIL);
        }
        return this;
    }

    /** @param step what create() does once the script is used up @return this */
    public ScriptedFactory otherwise(Step step) {
        this.otherwise = step;
        return this;
    }

    /** Lets every hanging create() return (they then succeed). */
    public void releaseHangs() {
        hangRelease.countDown();
    }

    /** @param v whether reset() throws @return this */
    public ScriptedFactory resetThrows(boolean v) {
        this.resetThrows = v;
        return this;
    }

    /** @param v whether validate() throws @return this */
    public ScriptedFactory validationThrows(boolean v) {
        this.validationThrows = v;
        return this;
    }

    /** @param gate validate() waits on it (null: no wait) @return this */
    public ScriptedFactory validationWaitsFor(CountDownLatch gate) {
        this.validationGate = gate;
        return this;
    }

    /** @param gate reset() waits on it (null: no wait) @return this */
    public ScriptedFactory resetWaitsFor(CountDownLatch gate) {
        this.resetGate = gate;
        return this;
    }

    /** @param gate close() waits on it (null: no wait) @return this */
    public ScriptedFactory closeWaitsFor(CountDownLatch gate) {
        this.closeGate = gate;
        return this;
    }

    @Override
    public FakeConnection create() throws Exception {
        attempts.incrementAndGet();
        Step step = script.poll();
        if (step == null) {
            step = otherwise;
        }
        if (step == Step.FAIL) {
            throw new java.io.IOException("scripted failure (attempt " + attempts.get() + ")");
        }
        if (step == Step.HANG) {
            hanging.incrementAndGet();
            try {
                hangRelease.await();
            } finally {
                hanging.decrementAndGet();
            }
        }
        FakeConnection c = new FakeConnection(ids.incrementAndGet());
        created.add(c);
        int a = alive.incrementAndGet();
        maxAlive.accumulateAndGet(a, Math::max);
        return c;
    }

    @Override
    public boolean validate(FakeConnection c) throws Exception {
        c.validations.incrementAndGet();
        CountDownLatch gate = validationGate;
        if (gate != null) {
            gate.await();
        }
        if (validationThrows) {
            throw new IllegalStateException("scripted validation failure");
        }
        return c.valid;
    }

    @Override
    public void reset(FakeConnection c) throws InterruptedException {
        c.resets.incrementAndGet();
        CountDownLatch gate = resetGate;
        if (gate != null && !gate.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("reset gate never opened");
        }
        if (resetThrows) {
            throw new IllegalStateException("scripted reset failure");
        }
    }

    @Override
    public void close(FakeConnection c) throws Exception {
        if (c.closes.incrementAndGet() != 1) {
            violations.add("connection " + c.id + " closed more than once");
        }
        alive.decrementAndGet();
        CountDownLatch gate = closeGate;
        if (gate != null) {
            gate.await();
        }
    }

    /** @return create() calls so far */
    public int attempts() {
        return attempts.get();
    }

    /** @return connections created and not yet closed */
    public int alive() {
        return alive.get();
    }

    /** @return create() calls blocked in a HANG step */
    public int hanging() {
        return hanging.get();
    }

    /** @return every connection created, in order */
    public List<FakeConnection> created() {
        return new ArrayList<>(created);
    }

    /**
     * Checks what must hold at any moment: never more than {@code maxSize} alive, nothing
     * closed twice.
     *
     * @param maxSize the pool's maximum
     * @throws AssertionError describing every violation
     */
    public void assertInvariants(int maxSize) {
        List<String> v = new ArrayList<>(violations);
        if (maxAlive.get() > maxSize) {
            v.add("max alive " + maxAlive.get() + " exceeded maxSize " + maxSize);
        }
        if (!v.isEmpty()) {
            throw new AssertionError(String.join("; ", v));
        }
    }

    /**
     * Checks what must hold after the pool closed and every lease came back: every connection
     * closed exactly once.
     */
    public void assertAllClosedOnce() {
        List<String> v = new ArrayList<>();
        for (FakeConnection c : created) {
            if (c.closes() != 1) {
                v.add("connection " + c.id + " closed " + c.closes() + " times");
            }
        }
        if (!v.isEmpty()) {
            throw new AssertionError(String.join("; ", v));
        }
    }
}
