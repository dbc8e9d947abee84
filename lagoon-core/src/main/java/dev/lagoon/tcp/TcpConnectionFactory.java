package dev.lagoon.tcp;

import dev.lagoon.ConnectionFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;

/**
 * Makes TCP connections ({@link SocketChannel}s in blocking mode) to one host and port: the
 * Java form of the seed crate's {@code TcpConnectionPool}.
 *
 * <p>Validation detects a peer that has closed or reset the connection without blocking: it
 * reads in non-blocking mode and treats end-of-stream, an error, or unexpected unread bytes
 * (a protocol out of step) as invalid. A pooled channel is returned to blocking mode before it
 * is handed out.
 *
 * <pre>{@code
 * Pool<SocketChannel> pool = Pool.create(
 *         TcpConnectionFactory.builder("127.0.0.1", 7000).connectTimeout(Duration.ofSeconds(2)).build(),
 *         PoolConfig.builder().maxSize(10).build());
 * }</pre>
 */
public final class TcpConnectionFactory implements ConnectionFactory<SocketChannel> {
    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final boolean tcpNoDelay;
    private final boolean keepAlive;

    private TcpConnectionFactory(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.connectTimeout = b.connectTimeout;
        this.tcpNoDelay = b.tcpNoDelay;
        this.keepAlive = b.keepAlive;
    }

    /**
     * @param host the host name or address
     * @param port the TCP port, 1 to 65535
     * @return a builder with connectTimeout 10 s, TCP_NODELAY and SO_KEEPALIVE on
     */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /**
     * Connects, waiting at most the connect timeout.
     *
     * @throws IOException (including {@link SocketTimeoutException}) when the peer cannot be reached
     */
    @Override
    public SocketChannel create() throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            Socket socket = ch.socket();
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            ch.setOption(StandardSocketOptions.TCP_NODELAY, tcpNoDelay);
            ch.setOption(StandardSocketOptions.SO_KEEPALIVE, keepAlive);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** @return false if the peer closed or reset the connection, or left unread bytes */
    @Override
    public boolean validate(SocketChannel ch) throws IOException {
        if (!ch.isOpen() || !ch.isConnected()) {
            return false;
        }
        ch.configureBlocking(false);
        try {
            int n = ch.read(ByteBuffer.allocate(1));
            return n == 0;
        } catch (IOException e) {
            return false;
        } finally {
            if (ch.isOpen()) {
                ch.configureBlocking(true);
            }
        }
    }

    @Override
    public void close(SocketChannel ch) throws IOException {
        ch.close();
    }

    @Override
    public String toString() {
        return "TcpConnectionFactory{" + host + ':' + port + ", connectTimeout=" + connectTimeout + '}';
    }

    /** Options for a {@link TcpConnectionFactory}. */
    public static final class Builder {
        private final String host;
        private final int port;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private boolean tcpNoDelay = true;
        private boolean keepAlive = true;

        private Builder(String host, int port) {
            this.host = host;
            this.port = port;
        }

        /** @param v the longest a connect may take [10 s] @return this */
        public Builder connectTimeout(Duration v) { this.connectTimeout = v; return this; }
        /** @param v TCP_NODELAY [true] @return this */
        public Builder tcpNoDelay(boolean v) { this.tcpNoDelay = v; return this; }
        /** @param v SO_KEEPALIVE [true] @return this */
        public Builder keepAlive(boolean v) { this.keepAlive = v; return this; }

        /**
         * @return the factory
         * @throws IllegalArgumentException naming a bad host, port or timeout
         */
        public TcpConnectionFactory build() {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host ('" + host + "') must not be empty");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port (" + port + ") must be between 1 and 65535");
            }
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            if (connectTimeout.toMillis() < 1 || connectTimeout.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("connectTimeout (" + connectTimeout
                        + ") must be between 1 ms and 1 hour");
            }
            return new TcpConnectionFactory(this);
        }
    }
}
