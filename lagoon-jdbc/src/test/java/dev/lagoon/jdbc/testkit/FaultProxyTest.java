package dev.lagoon.jdbc.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultProxyTest {

    private ServerSocket echo;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::echoLoop, "echo-server");
        t.setDaemon(true);
        t.start();
        proxy = FaultProxy.start(InetAddress.getLoopbackAddress().getHostAddress(), echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    private void echoLoop() {
        while (!echo.isClosed()) {
            try {
                Socket s = echo.accept();
                Thread t = new Thread(() -> {
                    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException e) {
                        // client went away
                    }
                }, "echo");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(proxy.host(), proxy.port()), 2_000);
        s.setSoTimeout(5_000);
        return s;
    }

    private void assertRefused() {
        try (Socket s = connect()) {
            throw new AssertionError("connected to a refusing proxy on port " + proxy.port() + ": local "
                    + s.getLocalSocketAddress() + ", remote " + s.getRemoteSocketAddress() + "; listener threads "
                    + Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> n.startsWith("fault-proxy-accept")).sorted().toList());
        } catch (ConnectException expected) {
            // refused by the OS, as it should be
        } catch (IOException e) {
            throw new AssertionError("expected a refused connection", e);
        }
    }

    private static String roundTrip(Socket s, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        s.getOutputStream().write(bytes);
        s.getOutputStream().flush();
        return new String(s.getInputStream().readNBytes(bytes.length), StandardCharsets.UTF_8);
    }

    @Test
    void forwardsBytesBothWays() throws IOException {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "hello")).isEqualTo("hello");
        }
        assertThat(proxy.acceptedCount()).isEqualTo(1);
    }

    @Test
    void refusedProxyRejectsNewConnectionsButKeepsOpenOnes() throws IOException {
        try (Socket open = connect()) {
            Await.until(Duration.ofSeconds(5), () -> proxy.openLinks() == 1, () -> "the link is registered");
            proxy.refuse();

            assertRefused();
            assertThat(roundTrip(open, "still here")).isEqualTo("still here");
        }
    }

    @Test
    void resetAllAbortsOpenLinks() throws IOException {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "a")).isEqualTo("a");
            Await.until(Duration.ofSeconds(5), () -> proxy.openLinks() == 1, () -> "the link is registered");

            proxy.resetAll();

            assertThatThrownBy(() -> {
                roundTrip(s, "b");
                roundTrip(s, "c");
            }).isInstanceOf(SocketException.class);
        }
    }

    @Test
    void killRefusesAndResets() throws IOException {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "a")).isEqualTo("a");
            Await.until(Duration.ofSeconds(5), () -> proxy.openLinks() == 1, () -> "the link is registered");

            proxy.kill();

            assertRefused();
            assertThatThrownBy(() -> {
                roundTrip(s, "b");
                roundTrip(s, "c");
            }).isInstanceOf(SocketException.class);
        }
    }

    @Test
    void blackHoleHoldsTrafficUntilHealed() throws IOException {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "before")).isEqualTo("before");
            proxy.blackHole();
            s.setSoTimeout(300);

            assertThatThrownBy(() -> roundTrip(s, "held")).isInstanceOf(SocketTimeoutException.class);
            proxy.heal();
            s.setSoTimeout(5_000);

            assertThat(new String(s.getInputStream().readNBytes(4), StandardCharsets.UTF_8)).isEqualTo("held");
        }
    }

    @Test
    void blackHoledProxyStillAcceptsNewConnectionsButAnswersNothing() throws IOException {
        proxy.blackHole();
        try (Socket s = connect()) {
            s.setSoTimeout(300);

            assertThatThrownBy(() -> roundTrip(s, "x")).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void latencyDelaysDeliveryAtLeastThatLong() throws IOException {
        try (Socket s = connect()) {
            proxy.latency(Duration.ofMillis(200));
            long t0 = System.nanoTime();

            assertThat(roundTrip(s, "slow")).isEqualTo("slow");

            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
    }

    @Test
    void healListensAgainOnTheSamePort() throws IOException {
        int port = proxy.port();
        proxy.refuse();

        proxy.heal();

        assertThat(proxy.port()).isEqualTo(port);
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "back")).isEqualTo("back");
        }
    }
}
