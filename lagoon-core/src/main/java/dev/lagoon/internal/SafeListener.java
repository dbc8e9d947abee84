package dev.lagoon.internal;

import dev.lagoon.DestroyReason;
import dev.lagoon.PoolListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Fans events out to the configured listeners; a listener that throws is logged and skipped. */
final class SafeListener implements PoolListener {
    private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);
    private final PoolListener[] listeners;

    private SafeListener(List<PoolListener> listeners) {
        this.listeners = listeners.toArray(new PoolListener[0]);
    }

    static PoolListener of(List<PoolListener> listeners) {
        return listeners.isEmpty() ? PoolListener.NONE : new SafeListener(listeners);
    }

    private static void failed(PoolListener l, RuntimeException e) {
        LOG.warn("Pool listener {} threw; ignoring it for this event", l.getClass().getName(), e);
    }

    @Override
    public void onCreated(long connectionId, long creationNanos) {
        for (PoolListener l : listeners) {
            try { l.onCreated(connectionId, creationNanos); } catch (RuntimeException e) { failed(l, e); }
        }
    }

    @Override
    public void onCreationFailed(Throwable failure) {
        for (PoolListener l : listeners) {
            try { l.onCreationFailed(failure); } catch (RuntimeException e) { failed(l, e); }
        }
    }

    @Override
    public void onAcquired(long connectionId, long waitNanos) {
        for (PoolListener l : listeners) {
            try { l.onAcquired(connectionId, waitNanos); } catch (RuntimeException e) { failed(l, e); }
        }
    }

    @Override
    public void onReleased(long connectionId, long heldNanos) {
        for (PoolListener l : listeners) {
            try { l.onReleased(connectionId, heldNanos); } catch (RuntimeException e) { failed(l, e); }
        }
    }

    @Override
    public void onDestroyed(long connectionId, DestroyReason reason) {
        for (PoolListener l : listeners) {
            try { l.onDestroyed(connectionId, reason); } catch (RuntimeException e) { failed(l, e); }
        }
    }

    @Override
    public void onTimeout(long waitNanos) {
        for (PoolListener l : listeners) {
            try { l.onTimeout(waitNanos); } catch (RuntimeException e) { failed(l, e); }
        }
    }

    @Override
    public void onLeakSuspected(long connectionId, long heldNanos, Throwable acquiredAt) {
        for (PoolListener l : listeners) {
            try { l.onLeakSuspected(connectionId, heldNanos, acquiredAt); } catch (RuntimeException e) { failed(l, e); }
        }
    }
}
