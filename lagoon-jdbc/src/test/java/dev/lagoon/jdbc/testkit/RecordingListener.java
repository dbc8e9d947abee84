package dev.lagoon.jdbc.testkit;

import dev.lagoon.DestroyReason;
import dev.lagoon.PoolListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link PoolListener} that records what the pool reports, for assertions. */
public final class RecordingListener implements PoolListener {

    /** One destroyed connection. @param id its id @param reason why */
    public record Destroyed(long id, DestroyReason reason) {
    }

    private final List<Destroyed> destroyed = new CopyOnWriteArrayList<>();
    private final List<Long> created = new CopyOnWriteArrayList<>();
    private final List<Throwable> creationFailures = new CopyOnWriteArrayList<>();
    private final List<Long> leaks = new CopyOnWriteArrayList<>();
    private final AtomicInteger acquired = new AtomicInteger();

    @Override
    public void onCreated(long connectionId, long creationNanos) {
        created.add(connectionId);
    }

    @Override
    public void onCreationFailed(Throwable failure) {
        creationFailures.add(failure);
    }

    @Override
    public void onAcquired(long connectionId, long waitNanos) {
        acquired.incrementAndGet();
    }

    @Override
    public void onDestroyed(long connectionId, DestroyReason reason) {
        destroyed.add(new Destroyed(connectionId, reason));
    }

    @Override
    public void onLeakSuspected(long connectionId, long heldNanos, Throwable acquiredAt) {
        leaks.add(connectionId);
    }

    /** @return the destroyed connections so far */
    public List<Destroyed> destroyed() {
        return List.copyOf(destroyed);
    }

    /** @return ids of created connections so far */
    public List<Long> created() {
        return List.copyOf(created);
    }

    /** @return creation failures so far */
    public List<Throwable> creationFailures() {
        return List.copyOf(creationFailures);
    }

    /** @return ids of connections suspected of leaking */
    public List<Long> leaks() {
        return List.copyOf(leaks);
    }
}
