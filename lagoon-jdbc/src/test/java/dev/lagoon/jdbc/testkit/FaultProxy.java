package dev.lagoon.jdbc.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-JVM TCP proxy that sits between a client and a real server and injects network
 * faults on command. Plain blocking {@code java.net} sockets, two daemon threads per link.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start("127.0.0.1", 5432)) {
 *     String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test";
 *     proxy.kill();      // the server "dies": new connects are refused, open ones reset
 *     proxy.heal();      // and comes back
 * }
 * }</pre>
 *
 * <p>Faults:
 * <ul>
 *   <li>{@link #refuse()}: stop listening, so new connections are refused by the OS
 *       ({@code ECONNREFUSED}); open links keep working;</li>
 *   <li>{@link #resetAll()}: abort every open link: the client side gets a TCP reset, the
 *       server side a close (its session ends);</li>
 *   <li>{@link #kill()}: both, as when the server process dies;</li>
 *   <li>{@link #blackHole()}: nothing is forwarded any more, in either direction, on open
 *       and new links (new connections are still accepted); bytes are held, not dropped, as in
 *       a network partition, and flow again on {@link #heal()};</li>
 *   <li>{@link #latency(Duration)}: every chunk of data is delivered this much later;</li>
 *   <li>{@link #heal()}: listen again, forward everything, no latency.</li>
 * </ul>
 *
 * <p>All methods are thread-safe. The proxy keeps its port across {@code refuse}/{@code heal}.
 */
public final class FaultProxy implements AutoCloseable {

    private static final int BUFFER = 16 * 1024;

    private final InetSocketAddress target;
    private final int port;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the black hole closes or the proxy closes. */
    private final Condition flowing = lock.newCondition();
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    /** Bumped by every {@link #resetAll()}, so a link accepted before it but opened after it is reset too. */
    private final AtomicLong resetEpoch = new AtomicLong();

    // guarded by lock
    private ServerSocket server;
    private Thread acceptor;
    private volatile boolean blackHoled;
    private volatile long latencyNanos;
    private volatile boolean closed;

    private FaultProxy(InetSocketAddress target, ServerSocket server) {
        this.target = target;
        this.server = server;
        this.port = server.getLocalPort();
    }

    /**
     * Starts a proxy on a free port of 127.0.0.1, chosen <em>below</em> the kernel's ephemeral
     * port range. A port from that range (what binding port 0 gives) breaks {@link #refuse()}:
     * once the listener is closed the port is free, the kernel may pick it as the source port
     * of the very connection a test expects to be refused, and TCP's simultaneous open then
     * connects that socket to itself, so the connect succeeds (rare, but a known Linux trap).
     *
     * @param host the real server's host
     * @param port the real server's port
     * @return the running proxy
     * @throws IOException if no port can be bound
     */
    public static FaultProxy start(String host, int port) throws IOException {
        ServerSocket ss = bindBelowEphemeralRange();
        FaultProxy proxy = new FaultProxy(new InetSocketAddress(host, port), ss);
        proxy.startAccepting(ss);
        return proxy;
    }

    private static ServerSocket bindBelowEphemeralRange() throws IOException {
        int low = 32768; // Linux's default first ephemeral port
        try {
            // readAllLines, not readString: procfs files report a size that readString trusts
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            low = Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            // not Linux, or unreadable: keep the default
        }
        if (low < 2048) {
            low = 32768;
        }
        int from = Math.max(1024, low - 12_000);
        IOException last = null;
        for (int attempt = 0; attempt < 200 && from < low; attempt++) {
            int candidate = from + ThreadLocalRandom.current().nextInt(low - from);
            try {
                return listen(candidate);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("no free port below the ephemeral range (" + low + ")", last);
    }

    /** @return the host clients connect to */
    public String host() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    /** @return the port clients connect to */
    public int port() {
        return port;
    }

    /** @return links currently open */
    public int openLinks() {
        return links.size();
    }

    /** @return connections accepted since the start */
    public long acceptedCount() {
        return accepted.get();
    }

    /**
     * Stops listening: new connections are refused by the OS. Open links are untouched.
     *
     * <p>Returns only once the accepting thread has left {@code accept()}: closing a listening
     * socket while a thread is blocked in the accept system call only takes effect when that
     * call returns (the JDK wakes it with a signal), and until then the kernel still completes
     * new connections into the backlog, so a test's "refused" connect could succeed.
     */
    public void refuse() {
        Thread waitFor;
        lock.lock();
        try {
            closeQuietly(server);
            server = null;
            waitFor = acceptor;
            acceptor = null;
        } finally {
            lock.unlock();
        }
        joinQuietly(waitFor);
    }

    private static void joinQuietly(Thread t) {
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Aborts every open link: a TCP reset to the client, a close to the server. */
    public void resetAll() {
        resetEpoch.incrementAndGet();
        for (Link link : links) {
            link.reset();
        }
    }

    /** The server dies: {@link #refuse()} and {@link #resetAll()}. */
    public void kill() {
        refuse();
        resetAll();
    }

    /** Stops forwarding in both directions on every link, open or new, until {@link #heal()}. */
    public void blackHole() {
        blackHoled = true;
    }

    /** @param delay how much later every chunk of data is delivered; zero for none */
    public void latency(Duration delay) {
        latencyNanos = delay.toNanos();
    }

    /**
     * Ends every fault: listens again (on the same port), forwards held and new data, drops
     * the latency.
     *
     * @throws IOException if the port cannot be bound again
     */
    public void heal() throws IOException {
        lock.lock();
        try {
            latencyNanos = 0;
            blackHoled = false;
            flowing.signalAll();
            if (server == null && !closed) {
                ServerSocket ss = bindAgain();
                server = ss;
                startAccepting(ss);
            }
        } finally {
            lock.unlock();
        }
    }

    private ServerSocket bindAgain() throws IOException {
        IOException last = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        do {
            try {
                return listen(port);
            } catch (IOException e) {
                last = e;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        } while (System.nanoTime() - deadline < 0);
        throw last;
    }

    /** @return a socket listening on 127.0.0.1:{@code port} (address reuse on, backlog 128) */
    private static ServerSocket listen(int port) throws IOException {
        ServerSocket ss = new ServerSocket();
        try {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            return ss;
        } catch (IOException e) {
            closeQuietly(ss);
            throw e;
        }
    }

    @Override
    public void close() {
        Thread waitFor;
        lock.lock();
        try {
            closed = true;
            closeQuietly(server);
            server = null;
            waitFor = acceptor;
            acceptor = null;
            blackHoled = false;
            flowing.signalAll();
        } finally {
            lock.unlock();
        }
        joinQuietly(waitFor);
        resetAll();
    }

    @Override
    public String toString() {
        return "FaultProxy{127.0.0.1:" + port + " -> " + target + ", links=" + links.size()
                + ", blackHoled=" + blackHoled + '}';
    }

    /** Caller holds {@link #lock}, or is {@link #start} before the proxy is shared. */
    private void startAccepting(ServerSocket ss) {
        Thread t = new Thread(() -> acceptLoop(ss), "fault-proxy-accept-" + port);
        t.setDaemon(true);
        acceptor = t;
        t.start();
    }

    private void acceptLoop(ServerSocket ss) {
        while (!ss.isClosed()) {
            Socket client;
            try {
                client = ss.accept();
            } catch (IOException e) {
                return; // refused or closed
            }
            accepted.incrementAndGet();
            long epoch = resetEpoch.get();
            Thread t = new Thread(() -> open(client, epoch), "fault-proxy-open-" + port);
            t.setDaemon(true);
            t.start();
        }
    }

    private void open(Socket client, long epoch) {
        Socket upstream = new Socket();
        try {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            upstream.connect(target, 5_000);
        } catch (IOException e) {
            closeQuietly(upstream);
            abort(client);
            return;
        }
        Link link = new Link(client, upstream);
        links.add(link);
        if (closed || resetEpoch.get() != epoch) {
            link.reset();
            return;
        }
        link.pump(client, upstream, "up");
        link.pump(upstream, client, "down");
    }

    /** Blocks while the black hole is on, then waits out the latency for data read at {@code readAt}. */
    private void awaitFlow(Link link, long readAt) throws InterruptedException {
        if (blackHoled) {
            lock.lock();
            try {
                while (blackHoled && !closed && !link.dead) {
                    flowing.await(50, TimeUnit.MILLISECONDS);
                }
            } finally {
                lock.unlock();
            }
        }
        long latency = latencyNanos;
        if (latency > 0) {
            long due = readAt + latency;
            for (long left = due - System.nanoTime(); left > 0 && !link.dead; left = due - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }
    }

    /** One client connection and its upstream connection. */
    private final class Link {
        final Socket client;
        final Socket upstream;
        volatile boolean dead;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pump(Socket from, Socket to, String direction) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[BUFFER];
                try {
                    InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream();
                    for (;;) {
                        int n = in.read(buf);
                        if (n < 0) {
                            break;
                        }
                        awaitFlow(this, System.nanoTime());
                        if (dead) {
                            break;
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // the link ends
                }
                closeGracefully();
            }, "fault-proxy-" + direction + "-" + port);
            t.setDaemon(true);
            t.start();
        }

        void closeGracefully() {
            if (!dead) {
                dead = true;
                closeQuietly(client);
                closeQuietly(upstream);
            }
            links.remove(this);
        }

        void reset() {
            dead = true;
            abort(client);
            closeQuietly(upstream);
            links.remove(this);
        }
    }

    private static void abort(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // nothing to do
        }
    }
}
