package dev.lagoon.server.internal.http;

import dev.lagoon.server.internal.ApiException;
import dev.lagoon.server.internal.ErrorCode;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the requests in flight and, once the server is closing, refuses new ones with a JSON
 * 503 ({@code SHUTTING_DOWN}, {@code Connection: close}) while the ones already running finish.
 * {@link #awaitIdle(Duration)} lets the shutdown wait for them.
 *
 * <p>A request is counted when it enters {@link #handle} and uncounted when Jetty reports it
 * complete ({@link #completionListener()}, an {@link HttpChannel.Listener} registered on the
 * connector), that is after its response has been written, not merely when the handler
 * returns: Jetty may still be writing the answer then, and stopping at that moment would cut
 * it off.
 *
 * <p>Concurrency: {@link #active} and the closing decision are guarded by {@link #lock} (a
 * {@link ReentrantLock}, not {@code synchronized}, so virtual threads do not pin). A request
 * counts itself and reads the closing flag under the lock, and {@link #startDraining()} sets the flag
 * under the same lock, so after {@link #startDraining()} returns every request is either
 * counted (and awaited) or refused.
 */
public final class DrainHandler extends HandlerWrapper {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    /** The request attribute marking a request this handler counted. */
    private static final String COUNTED = DrainHandler.class.getName() + ".counted";

    private final HttpChannel.Listener completion = new HttpChannel.Listener() {
        @Override
        public void onComplete(Request request) {
            if (request.getAttribute(COUNTED) != null) {
                request.removeAttribute(COUNTED);
                done();
            }
        }
    };

    /** Guarded by {@link #lock}. */
    private int active;
    /** Guarded by {@link #lock}. */
    private boolean closing;

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        lock.lock();
        try {
            if (closing) {
                refuse(baseRequest, response);
                return;
            }
            active++;
            baseRequest.setAttribute(COUNTED, Boolean.TRUE);
        } finally {
            lock.unlock();
        }
        super.handle(target, baseRequest, request, response);
    }

    /** @return the listener to register on the connector, which uncounts completed requests */
    public HttpChannel.Listener completionListener() {
        return completion;
    }

    private void done() {
        lock.lock();
        try {
            if (--active == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private static void refuse(Request baseRequest, HttpServletResponse response) throws IOException {
        byte[] body = Json.write(new ApiException(ErrorCode.SHUTTING_DOWN, "the server is shutting down").body());
        response.setStatus(503);
        response.setHeader("Connection", "close");
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        baseRequest.setHandled(true);
    }

    /** Refuses every request from now on; the ones already counted go on. */
    public void startDraining() {
        lock.lock();
        try {
            closing = true;
        } finally {
            lock.unlock();
        }
    }

    /** @return whether {@link #startDraining()} was called */
    public boolean isClosing() {
        lock.lock();
        try {
            return closing;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until no request is in flight.
     *
     * @param timeout the longest wait
     * @return the number still in flight when it returned (0 unless the timeout expired)
     * @throws InterruptedException if interrupted while waiting
     */
    public int awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (active > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                idle.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            }
            return active;
        } finally {
            lock.unlock();
        }
    }
}
