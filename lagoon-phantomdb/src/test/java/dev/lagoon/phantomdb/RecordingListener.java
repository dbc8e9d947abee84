package dev.lagoon.phantomdb;

import dev.lagoon.DestroyReason;
import dev.lagoon.PoolListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the pool engine's events so tests assert on them instead of on logs. */
final class RecordingListener implements PoolListener {
    record Destroyed(long id, DestroyReason reason) {
    }

    final List<Long> created = new CopyOnWriteArrayList<>();
    final List<Destroyed> destroyed = new CopyOnWriteArrayList<>();
    final List<Throwable> creationFailures = new CopyOnWriteArrayList<>();

    @Override
    public void onCreated(long connectionId, long creationNanos) {
        created.add(connectionId);
    }

    @Override
    public void onCreationFailed(Throwable failure) {
        creationFailures.add(failure);
    }

    @Override
    public void onDestroyed(long connectionId, DestroyReason reason) {
        destroyed.add(new Destroyed(connectionId, reason));
    }

    long destroyedFor(DestroyReason reason) {
        return destroyed.stream().filter(d -> d.reason() == reason).count();
    }
}
