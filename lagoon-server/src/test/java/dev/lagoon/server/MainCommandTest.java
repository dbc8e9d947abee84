package dev.lagoon.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code lagoon-server} command line. */
class MainCommandTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryOption() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--port", "--bind", "--jdbc-url", "--user", "--password", "--token",
                "--min-pool-size", "--max-pool-size", "--data-dir", "--demo", "--help", "--version",
                "LAGOON_DB_PASSWORD", "LAGOON_TOKEN");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        Run r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("lagoon-server ").doesNotContain("${");
    }

    @Test
    void badOptionsExitWith2AndSayWhy() {
        Run notANumber = run("--port", "eighty");
        assertThat(notANumber.code()).isEqualTo(2);
        assertThat(notANumber.err()).contains("--port");
        Run open = run("--bind", "0.0.0.0", "--port", "0");
        assertThat(open.code()).isEqualTo(2);
        assertThat(open.err()).contains("refusing to listen on 0.0.0.0 without a token");
        Run sizes = run("--min-pool-size", "5", "--max-pool-size", "2", "--port", "0");
        assertThat(sizes.code()).isEqualTo(2);
        assertThat(sizes.err()).contains("minPoolSize (5) must not exceed maxPoolSize (2)");
    }

    @Test
    void aTakenPortExitsWith1NamingIt() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Run r = run("--port", String.valueOf(taken.getLocalPort()), "--jdbc-url", TestServer.freshH2());
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("could not start on 127.0.0.1:" + taken.getLocalPort())
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void flagsBecomeServerOptions() {
        Main main = new Main();
        new CommandLine(main).parseArgs("--port", "9999", "--bind", "localhost", "--jdbc-url", "jdbc:h2:mem:m",
                "--user", "u", "--password", "p", "--token", "t", "--min-pool-size", "1", "--max-pool-size", "4",
                "--transaction-timeout", "5", "--max-body-bytes", "2048");
        ServerOptions o = main.options();
        assertThat(o.port()).isEqualTo(9999);
        assertThat(o.bind()).isEqualTo("localhost");
        assertThat(o.jdbcUrl()).isEqualTo("jdbc:h2:mem:m");
        assertThat(o.user()).isEqualTo("u");
        assertThat(o.password()).isEqualTo("p");
        assertThat(o.token()).isEqualTo("t");
        assertThat(o.minPoolSize()).isEqualTo(1);
        assertThat(o.maxPoolSize()).isEqualTo(4);
        assertThat(o.transactionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.maxBodyBytes()).isEqualTo(2048);
    }

    @Test
    void theProcessPrintsItsUrlServesAndShutsDownGracefullyOnSigterm(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("fresh/data");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--port", "0", "--data-dir", data.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(false)
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).as("the start-up line").isNotNull()
                    .startsWith("Lagoon PhantomDB server").contains("listening on http://127.0.0.1:")
                    .contains("backend H2");
            Matcher url = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(line);
            assertThat(url.find()).isTrue();
            assertThat(out.readLine()).isEqualTo("Try it: curl " + url.group(1) + "/health");

            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(url.group(1) + "/health"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"healthy\"");
            assertThat(Files.exists(data.resolve("lagoon.mv.db"))).as("the H2 file under the data dir").isTrue();

            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            String err = Files.readString(dir.resolve("stderr.txt"));
            assertThat(err).contains("shutting down").contains("stopped");
        } finally {
            process.destroyForcibly();
        }
        assertThat(new File(data.toFile(), "lagoon.mv.db")).exists();
    }
}
