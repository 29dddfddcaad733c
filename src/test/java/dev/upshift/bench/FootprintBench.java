package dev.upshift.bench;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * P5: the panel as a user runs it ({@code java -jar}), in its own process: start-up time to a healthy
 * {@code /actuator/health}, and its resident memory once idle. Not part of the test suite.
 */
class FootprintBench {

    @Test
    void startupAndIdleMemory() throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("upshift-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Run through 'mvnw -Pbench verify' so the jar is built first"));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = Files.createTempDirectory("upshift-bench-");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--server.port=" + port, "--upshift.data-dir=" + data)
                .redirectErrorStream(true).redirectOutput(data.resolve("panel.log").toFile());
        builder.environment().put("UPSHIFT_ADMIN_PASSWORD", "Bench-only-pass-7781");
        BenchReport report = new BenchReport();
        long started = System.nanoTime();
        Process panel = builder.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            long healthyAt = 0;
            while (healthyAt == 0 && System.nanoTime() - started < Duration.ofMinutes(3).toNanos()) {
                try {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (health.body().contains("\"UP\"")) {
                        healthyAt = System.nanoTime();
                    }
                } catch (java.io.IOException e) {
                    Thread.sleep(100);
                }
            }
            report.add("P5", "start-up to healthy", BenchReport.ms((healthyAt - started) / 1e6), "java -jar, fresh data dir");
            Thread.sleep(15_000);
            report.add("P5", "idle RSS", BenchReport.rssMegabytes(panel.pid()) + " MB", "15 s after healthy, no cluster");
        } finally {
            panel.destroy();
            panel.waitFor();
            deleteTree(data.toFile());
        }
        report.write("Footprint benchmarks");
    }

    private static void deleteTree(File f) {
        File[] children = f.listFiles();
        if (children != null) {
            for (File c : children) {
                deleteTree(c);
            }
        }
        f.delete();
    }
}
