package dev.lagoon.testkit;

import dev.lagoon.DestroyReason;
import dev.lagoon.PoolListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every pool event as a short string, for assertions. */
public final class RecordingListener implements PoolListener {
    private final List<String> events = new CopyOnWriteArrayList<>();

    public List<String> events() {
        return List.copyOf(events);
    }

    public long count(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).count();
    }

    @Override public void onCreated(long id, long nanos) { events.add("created " + id); }
    @Override public void onCreationFailed(Throwable failure) { events.add("creationFailed " + failure.getMessage()); }
    @Override public void onAcquired(long id, long waitNanos) { events.add("acquired " + id); }
    @Override public void onReleased(long id, long heldNanos) { events.add("released " + id); }
    @Override public void onDestroyed(long id, DestroyReason reason) { events.add("destroyed " + id + " " + reason); }
    @Override public void onTimeout(long waitNanos) { events.add("timeout"); }
    @Override public void onLeakSuspected(long id, long heldNanos, Throwable where) { events.add("leak " + id); }
}
