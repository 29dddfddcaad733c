package dev.upshift.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.upshift.lab.LabClusterRequest;
import dev.upshift.lab.LabClusterView;
import dev.upshift.lab.LabService;
import dev.upshift.lab.LabStatus;

/**
 * The whole panel on a random port, as the README's run command starts it (H2 file database in its own data
 * directory), plus one shared practice cluster — 3 cores of Neo4j 3.4.5 — created through the panel's own rehearsal
 * lab and registered like any cluster. Every test class extending this shares one Spring context and so one lab
 * cluster (a real cluster takes about a minute to form); tests that change a cluster start their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(CountingBoltGateway.Config.class)
public abstract class PanelWithLab {

    public static final String ADMIN_PASSWORD = "it-Admin-pass-7305";
    public static final Path DATA_DIR = tempDir();
    public static final Path LOG_FILE = DATA_DIR.resolve("upshift.log");

    static {
        // The panel's log in a file too, so tests can search it (e.g. for secrets that must never be logged).
        // A system property, because logging is set up before a test's dynamic properties are added.
        System.setProperty("logging.file.name", LOG_FILE.toString());
    }
    private static String sharedLabId;
    private static Long sharedClusterId;

    @LocalServerPort
    protected int port;

    @Autowired
    protected LabService lab;

    @DynamicPropertySource
    static void panel(DynamicPropertyRegistry registry) {
        registry.add("upshift.data-dir", DATA_DIR::toString);
        registry.add("upshift.admin-password", () -> ADMIN_PASSWORD);
        // its own lab root: a lab sweeps stray processes of its root at start, so roots are never shared
        registry.add("upshift.lab.root", () -> Path.of("target/lab-panel-it").toAbsolutePath().toString());
        // overridable so two checkouts can run their suites side by side on one machine
        registry.add("upshift.lab.address-base", () -> System.getProperty("panel.it.address-base", "127.0.0.101"));
        // a lab member rejoins in 14-60 s here; a member that will never join (ClusterFaultsIT) fails its step sooner
        registry.add("upshift.run.verify-timeout", () -> "2m");
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The registry id of the shared practice cluster (3 cores, 3.4.5), created on first use. */
    protected Long sharedCluster() {
        synchronized (PanelWithLab.class) {
            if (sharedClusterId == null) {
                LabClusterView created = lab.create(new LabClusterRequest("3.4.5", 3, 0));
                sharedLabId = created.id();
                LabClusterView ready = await("practice cluster " + created.id() + " ready and registered")
                        .atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> lab.find(created.id()).orElseThrow(),
                                v -> failFast(v) && v.status() == LabStatus.READY && v.clusterId() != null);
                sharedClusterId = Long.valueOf(ready.clusterId());
            }
            return sharedClusterId;
        }
    }

    /**
     * A practice cluster of the caller's own, for a test that changes its cluster (the shared one must stay as found).
     * The lab gives it the next free loopback addresses. Delete it with {@code lab.delete(view.id())}.
     */
    protected LabClusterView ownPracticeCluster(String version, int cores, int readReplicas) {
        LabClusterView created = lab.create(new LabClusterRequest(version, cores, readReplicas));
        return await("practice cluster " + created.id() + " ready and registered")
                .atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1))
                .until(() -> lab.find(created.id()).orElseThrow(),
                        v -> failFast(v) && v.status() == LabStatus.READY && v.clusterId() != null);
    }

    protected String sharedLabId() {
        sharedCluster();
        return sharedLabId;
    }

    private static boolean failFast(LabClusterView view) {
        if (view.status() == LabStatus.FAILED) {
            throw new AssertionError("Practice cluster failed: " + view.message());
        }
        return true;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "upshift-panel-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
