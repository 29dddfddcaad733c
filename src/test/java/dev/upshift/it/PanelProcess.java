package dev.upshift.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The panel as its own operating-system process (the jar {@code package} built), so a test can SIGKILL it in the
 * middle of a run and start it again on the same data directory, as an operator's server would crash and restart.
 * The rehearsal lab stays in the test's JVM: killing the panel leaves the cluster and its SSH servers running.
 */
public final class PanelProcess implements AutoCloseable {

    private final Path dataDir;
    private final String adminPassword;
    private final List<String> properties;
    private final List<String> jvmOptions;
    private final int port;
    private Process process;
    private int starts;

    /** @param properties extra {@code --key=value} arguments, e.g. {@code --upshift.run.verify-timeout=3m} */
    public PanelProcess(Path dataDir, String adminPassword, List<String> properties) {
        this(dataDir, adminPassword, properties, List.of());
    }

    /** @param jvmOptions extra options for the JVM, e.g. {@code -XX:TieredStopAtLevel=1} where many restarts are timed */
    public PanelProcess(Path dataDir, String adminPassword, List<String> properties, List<String> jvmOptions) {
        this.dataDir = dataDir;
        this.adminPassword = adminPassword;
        this.properties = List.copyOf(properties);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.port = freePort();
    }

    /** The running panel's process id (for the footprint figures). */
    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Starts the jar and returns once {@code /actuator/health/readiness} answers 200 (start-up over, crash recovery
     * included); its output goes to a log per start.
     */
    public void start() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString(), "--server.port=" + port, "--server.address=127.0.0.1",
                "--upshift.data-dir=" + dataDir, "--upshift.lab.root=" + dataDir.resolve("lab")));
        command.addAll(properties);
        Path log = dataDir.resolve("panel-" + (++starts) + ".log");
        try {
            Files.createDirectories(dataDir);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("UPSHIFT_ADMIN_PASSWORD", adminPassword);
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw new IllegalStateException("the panel exited (" + process.exitValue() + "); see " + log);
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException("the panel was not healthy within 3 minutes; see " + log);
    }

    /** SIGKILL: no shutdown hook, no @PreDestroy, nothing flushed that was not already committed. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The executable jar of this build (target/upshift-<version>.jar). */
    static Path jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("upshift-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar")).findFirst().orElseThrow(
                            () -> new IllegalStateException("no target/upshift-*.jar: run the tests through ./mvnw verify"))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
