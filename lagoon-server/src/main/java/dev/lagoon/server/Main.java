package dev.lagoon.server;

import dev.lagoon.server.internal.demo.DemoLoad;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code lagoon-server} command: starts a {@link PhantomServer} and keeps it running until
 * the process is told to stop (SIGTERM, Ctrl-C), then shuts it down gracefully.
 *
 * <pre>
 * java -jar lagoon-server/target/lagoon-server.jar                 # H2 under ./data, port 8080
 * java -jar lagoon-server.jar --jdbc-url jdbc:postgresql://127.0.0.1:5432/test --user postgres
 * </pre>
 */
@Command(name = "lagoon-server", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "A PhantomDB REST server over a Lagoon-pooled SQL backend (H2, PostgreSQL, MariaDB).%n"
                + "The backend password may come from LAGOON_DB_PASSWORD and the token from LAGOON_TOKEN.")
public final class Main implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (0 picks a free one) [default: 8080]")
    int port = ServerOptions.DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "address to listen on; a non-loopback one needs --token [default: 127.0.0.1]")
    String bind = ServerOptions.DEFAULT_BIND;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "backend: jdbc:h2:..., jdbc:postgresql://... or jdbc:mariadb://...%n"
                    + "  [default: an H2 file database under --data-dir]")
    String jdbcUrl;

    @Option(names = "--user", paramLabel = "USER", description = "backend user [default: sa for H2]")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "backend password (or set LAGOON_DB_PASSWORD)")
    String password;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "require 'Authorization: Bearer TOKEN' on every request (or set LAGOON_TOKEN)")
    String token;

    @Option(names = "--min-pool-size", paramLabel = "N", description = "backend connections kept open [default: 2]")
    int minPoolSize = 2;

    @Option(names = "--max-pool-size", paramLabel = "N", description = "most backend connections [default: 10]")
    int maxPoolSize = 10;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the default H2 database lives [default: ./data]")
    Path dataDir = Path.of("data");

    @Option(names = "--transaction-timeout", paramLabel = "SECONDS",
            description = "idle seconds before an open transaction is rolled back [default: 60]")
    long transactionTimeoutSeconds = 60;

    @Option(names = "--max-body-bytes", paramLabel = "BYTES", description = "largest request body [default: 1048576]")
    int maxBodyBytes = 1024 * 1024;

    @Option(names = "--demo",
            description = "drive a multi-tenant synthetic load through the Java client pool against this server,"
                    + " with a progress line, until stopped")
    boolean demo;

    @Option(names = "--demo-tenants", paramLabel = "N", description = "tenant databases in the demo [default: 4]")
    int demoTenants = 4;

    @Option(names = "--demo-workers", paramLabel = "N", description = "concurrent demo clients [default: 8]")
    int demoWorkers = 8;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Main() {
    }

    /**
     * Runs the command; exits with 0 after a clean shutdown, 1 when the server cannot start and
     * 2 for bad options.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerOptions options;
        try {
            options = options();
            if (demo && (demoTenants < 1 || demoWorkers < 1)) {
                throw new IllegalArgumentException("--demo-tenants (" + demoTenants + ") and --demo-workers ("
                        + demoWorkers + ") must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            err.println("lagoon-server: " + e.getMessage());
            err.flush();
            return 2;
        }
        PhantomServer server;
        try {
            server = PhantomServer.start(options);
        } catch (IllegalStateException e) {
            err.println("lagoon-server: " + e.getMessage());
            err.flush();
            return 1;
        }
        DemoLoad demoLoad = demo ? new DemoLoad(new DemoLoad.Settings(server.baseUrl(), options.token(), demoTenants,
                demoWorkers), server::poolSummary, out, System.console() != null) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (demoLoad != null) {
                demoLoad.close();
            }
            server.close();
            stopped.countDown();
        }, "lagoon-server-shutdown"));
        out.println(startupLine(server));
        out.println("Try it: curl " + server.baseUrl() + "/health");
        out.flush();
        if (demoLoad != null) {
            try {
                demoLoad.start();
            } catch (RuntimeException e) {
                err.println("lagoon-server: the demo load could not start: " + e.getMessage());
                err.flush();
            }
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return 0;
    }

    ServerOptions options() {
        String pass = password != null ? password : System.getenv("LAGOON_DB_PASSWORD");
        String bearer = token != null ? token : System.getenv("LAGOON_TOKEN");
        return ServerOptions.builder()
                .port(port)
                .bind(bind)
                .jdbcUrl(jdbcUrl)
                .dataDir(dataDir)
                .user(user)
                .password(pass)
                .token(bearer == null || bearer.isEmpty() ? null : bearer)
                .minPoolSize(minPoolSize)
                .maxPoolSize(maxPoolSize)
                .transactionTimeout(Duration.ofSeconds(transactionTimeoutSeconds))
                .maxBodyBytes(maxBodyBytes)
                .build();
    }

    static String startupLine(PhantomServer server) {
        ServerOptions o = server.options();
        return "Lagoon PhantomDB server " + server.version() + " listening on " + server.baseUrl()
                + " (backend " + server.backendName() + " " + dev.lagoon.server.internal.Masking.jdbcUrl(o.jdbcUrl())
                + ", pool " + o.minPoolSize() + ".." + o.maxPoolSize()
                + (o.token() == null ? ", no token" : ", bearer token required")
                + (server.usesVirtualThreads() ? ", virtual threads" : "") + ")";
    }

    /** Reads the version from the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lagoon-server " + dev.lagoon.server.internal.BuildInfo.version()};
        }
    }
}
