package dev.lagoon.tcp;

import dev.lagoon.AcquireTimeoutException;
import dev.lagoon.Lease;
import dev.lagoon.Pool;
import dev.lagoon.PoolConfig;
import dev.lagoon.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TcpConnectionFactoryTest {
    private EchoServer echo;
    private Pool<SocketChannel> pool;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new EchoServer();
    }

    @AfterEach
    void stop() throws IOException {
        if (pool != null) {
            pool.close();
        }
        echo.close();
    }

    private static String roundTrip(SocketChannel ch, String text) throws IOException {
        ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        ByteBuffer buf = ByteBuffer.allocate(text.length());
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new IOException("closed");
            }
        }
        return new String(buf.array(), StandardCharsets.UTF_8);
    }

    @Test
    void pooledSocketTalksToTheEchoServerAndIsReused() throws IOException {
        pool = Pool.create(TcpConnectionFactory.builder("127.0.0.1", echo.port()).build(),
                PoolConfig.builder().name("tcp-echo").minSize(1).maxSize(2).build());
        SocketChannel first;
        try (Lease<SocketChannel> l = pool.acquire()) {
            first = l.get();
            assertThat(roundTrip(first, "hello")).isEqualTo("hello");
        }
        try (Lease<SocketChannel> l = pool.acquire()) {
            assertThat(l.get()).isSameAs(first);
            assertThat(roundTrip(l.get(), "again")).isEqualTo("again");
        }
        assertThat(echo.accepted()).isEqualTo(1);
    }

    @Test
    void validationDetectsAPeerThatClosedAndThePoolReconnects() throws Exception {
        TcpConnectionFactory factory = TcpConnectionFactory.builder("127.0.0.1", echo.port()).build();
        pool = Pool.create(factory, PoolConfig.builder().name("tcp-peer-closed").minSize(1).maxSize(1)
                .validationBypassWindow(Duration.ZERO).build());
        SocketChannel first;
        try (Lease<SocketChannel> l = pool.acquire()) {
            first = l.get();
        }
        // a connect completes in the server's backlog before its acceptor thread registers the
        // socket; dropping clients before that would miss this one
        Await.until("the echo server registered the pool's connection", () -> echo.accepted() == 1);
        echo.dropClients();
        // the peer's FIN reaches our socket asynchronously; wait until it is visible
        Await.until("peer close visible on the idle socket", () -> {
            try {
                return !factory.validate(first);
            } catch (IOException e) {
                return true;
            }
        });
        try (Lease<SocketChannel> l = pool.acquire()) {
            assertThat(l.get()).isNotSameAs(first);
            assertThat(roundTrip(l.get(), "fresh")).isEqualTo("fresh");
        }
        assertThat(first.isOpen()).isFalse();
    }

    @Test
    void validatorSaysValidForALiveIdleConnection() throws Exception {
        TcpConnectionFactory f = TcpConnectionFactory.builder("127.0.0.1", echo.port()).build();
        SocketChannel ch = f.create();
        try {
            assertThat(f.validate(ch)).isTrue();
            assertThat(ch.isBlocking()).isTrue();
            assertThat(roundTrip(ch, "x")).isEqualTo("x");
        } finally {
            f.close(ch);
        }
        assertThat(f.validate(ch)).isFalse();
    }

    @Test
    void refusedConnectionSurfacesAsTheTimeoutCause() throws IOException {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        pool = Pool.create(TcpConnectionFactory.builder("127.0.0.1", deadPort).build(),
                PoolConfig.builder().name("tcp-refused").minSize(0).maxSize(1).build());
        AcquireTimeoutException e = catchThrowableOfType(AcquireTimeoutException.class,
                () -> pool.acquire(Duration.ofMillis(300)));
        assertThat(e.getCause()).isInstanceOf(ConnectException.class);
    }

    @Test
    void builderRejectsBadValuesNamingThem() {
        assertThatThrownBy(() -> TcpConnectionFactory.builder("h", 0).build())
                .hasMessage("port (0) must be between 1 and 65535");
        assertThatThrownBy(() -> TcpConnectionFactory.builder(" ", 80).build())
                .hasMessage("host (' ') must not be empty");
        assertThatThrownBy(() -> TcpConnectionFactory.builder("h", 80).connectTimeout(Duration.ZERO).build())
                .hasMessage("connectTimeout (PT0S) must be between 1 ms and 1 hour");
    }

    /** A loopback echo server with one thread per client. */
    static final class EchoServer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> clients = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        EchoServer() throws IOException {
            acceptor = new Thread(this::acceptLoop, "echo-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return clients.size();
        }

        void dropClients() throws IOException {
            for (Socket s : clients) {
                s.close();
            }
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    clients.add(s);
                    Thread t = new Thread(() -> echo(s), "echo-client");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void echo(Socket s) {
            try (InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                byte[] buf = new byte[1024];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // client gone
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            dropClients();
        }
    }
}
