package dev.upshift.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The panel-start sweep: a JVM carrying this lab root's marker, left by a previous run, is stopped, even one that
 * ignores SIGTERM (as a member waiting to join does); a JVM of another lab root is left alone.
 */
class LabSweepTest {

    @TempDir
    Path root;

    @TempDir
    Path otherRoot;

    private Process stray;
    private Process neighbour;

    @AfterEach
    void cleanUp() {
        for (Process p : new Process[] {stray, neighbour}) {
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void strayLabJvmsAreKilledEvenWhenTheyIgnoreSigterm() throws Exception {
        stray = startStubbornJvm(root, "lab-old");
        neighbour = startStubbornJvm(otherRoot, "lab-other");
        await().atMost(Duration.ofSeconds(30)).until(() -> LabProcesses.ofLab(root, "lab-old").contains(stray.pid())
                && LabProcesses.underRoot(otherRoot).contains(neighbour.pid()));
        Files.createDirectories(root.resolve("clusters/lab-old/127.0.0.11"));

        LabProperties props = new LabProperties(root, "127.0.0.61", 10, 7, 2222, "upshift", "512m", "128m", "32m",
                Duration.ofSeconds(60), Duration.ofSeconds(2), "https://repo.maven.apache.org/maven2/", null, List.of("3.4.5"));
        Instant started = Instant.now();
        try (LabClusterManager lab = new LabClusterManager(props, null, null)) {
            lab.sweep();
        }

        assertThat(LabProcesses.isAlive(stray.pid())).isFalse();
        assertThat(Duration.between(started, Instant.now())).as("needed SIGKILL after the grace period")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(root.resolve("clusters/lab-old")).doesNotExist();
        assertThat(LabProcesses.isAlive(neighbour.pid())).as("another lab root's process").isTrue();
    }

    /** A JVM with the lab markers whose shutdown hook never finishes, so SIGTERM does not end it. */
    private static Process startStubbornJvm(Path labRoot, String labId) throws Exception {
        Path source = Files.createTempFile(labRoot, "Stubborn", ".java");
        Files.writeString(source, """
                public class Stubborn {
                    public static void main(String[] args) throws Exception {
                        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                            try { Thread.sleep(600_000); } catch (InterruptedException e) { }
                        }));
                        System.out.println("ready");
                        System.out.flush();
                        Thread.sleep(600_000);
                    }
                }
                """);
        Path out = labRoot.resolve(labId + ".out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx32m", LabProcesses.labMarker(labId), LabProcesses.rootMarker(labRoot), source.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        // only once the hook is installed does the JVM ignore SIGTERM
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(out) && Files.readString(out).contains("ready"));
        return p;
    }
}
