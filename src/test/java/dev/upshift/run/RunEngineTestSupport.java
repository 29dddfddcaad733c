package dev.upshift.run;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.upshift.procedure.InstallDetails;
import dev.upshift.procedure.Method;
import dev.upshift.procedure.Neo4jVersion;
import dev.upshift.procedure.ServerRole;
import dev.upshift.procedure.ServerSpec;
import dev.upshift.procedure.StepKey;

/**
 * The engine end to end on a simulated cluster ({@link FakeCluster} behind the SSH, Bolt, monitor and target
 * interfaces): real database, transitions, audit, worker threads and health gates; only the servers are fake.
 *
 * <p>The shared fixture of the {@code RunEngine*Test} classes. Everything that decides the Spring context lives here,
 * so they all share one cached context (and one in-memory database, hence the cluster ids unique across classes).
 */
@SpringBootTest
@Import(RunEngineTestSupport.Fakes.class)
@WithMockUser(username = "operator1", roles = "OPERATOR")
abstract class RunEngineTestSupport {

    static final String A = "10.0.0.1", B = "10.0.0.2", C = "10.0.0.3";
    static final AtomicLong CLUSTER_IDS = new AtomicLong(100);

    @TestConfiguration
    static class Fakes {
        @Bean
        @Primary
        FakeCluster fakeCluster() {
            return new FakeCluster();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        Path dir = Path.of("target", "run-engine-test-" + System.nanoTime()).toAbsolutePath();
        r.add("spring.datasource.url", () -> "jdbc:h2:mem:run-engine-test;DB_CLOSE_DELAY=-1");
        r.add("upshift.data-dir", dir::toString);
        r.add("upshift.lab.root", () -> dir.resolve("lab").toString());
        r.add("upshift.admin-password", () -> "Test-admin-pass-1234");
        r.add("upshift.run.gate-timeout", () -> "2s");
        r.add("upshift.run.verify-timeout", () -> "2s");
        r.add("upshift.run.gate-poll", () -> "10ms");
    }

    @Autowired FakeCluster cluster;
    @Autowired RunPlanning planning;
    @Autowired RunEngine engine;
    @Autowired RunQueries queries;
    @Autowired RunTransitions transitions;
    @Autowired RunRecovery recovery;
    @Autowired JdbcTemplate jdbc;

    Long clusterId;

    @BeforeEach
    void healthyCluster() {
        cluster.reset();
        cluster.core(A, "FOLLOWER", "3.4.5").core(B, "FOLLOWER", "3.4.5").core(C, "LEADER", "3.4.5");
        clusterId = CLUSTER_IDS.incrementAndGet();
    }

    RunView plan() {
        return plan(RunMode.AUTO);
    }

    RunView plan(RunMode mode) {
        List<ServerSpec> specs = new ArrayList<>();
        Map<String, InstallDetails> install = new LinkedHashMap<>();
        for (String host : List.of(A, B, C)) {
            String base = "/srv/" + host;
            specs.add(ServerSpec.tarball(host, host, "LEADER".equals(cluster.roles.get(host)) ? ServerRole.LEADER : ServerRole.FOLLOWER,
                    base + "/neo4j-enterprise-3.4.5").withNativeAuth(false).withBackupDir(base + "/backups"));
            install.put(host, InstallDetails.tarball("/srv/dist/neo4j-enterprise-3.4.6-unix.tar.gz", base + "/neo4j-enterprise-3.4.6"));
        }
        return planning.createPlanned(clusterId, "fake-" + clusterId, specs, install, Neo4jVersion.parse("3.4.5"),
                Neo4jVersion.parse("3.4.6"), Method.ROLLING_FIXED, mode, null);
    }

    /** A rolling-replaceable plan: A, B and C are replaced by the spare cores {@code replacements} (in that order). */
    RunView planReplaceable(String... replacements) {
        List<ServerSpec> specs = new ArrayList<>();
        Map<String, InstallDetails> install = new LinkedHashMap<>();
        Map<String, ServerSpec> replacing = new LinkedHashMap<>();
        List<String> olds = List.of(A, B, C);
        for (int i = 0; i < olds.size(); i++) {
            String host = olds.get(i), spare = replacements[i];
            specs.add(ServerSpec.tarball(host, host, "LEADER".equals(cluster.roles.get(host)) ? ServerRole.LEADER : ServerRole.FOLLOWER,
                    "/srv/" + host + "/neo4j-enterprise-3.4.5").withNativeAuth(false).withBackupDir("/srv/" + host + "/backups"));
            install.put(host, InstallDetails.tarball("/srv/dist/neo4j-enterprise-3.4.6-unix.tar.gz", "/srv/" + host + "/neo4j-enterprise-3.4.6"));
            replacing.put(host, ServerSpec.tarball(spare, spare, ServerRole.FOLLOWER, "/srv/" + spare + "/neo4j-enterprise-3.4.6")
                    .withNativeAuth(false).withBackupDir("/srv/" + spare + "/backups"));
            install.put(spare, InstallDetails.tarball("/srv/dist/neo4j-enterprise-3.4.6-unix.tar.gz", "/srv/" + spare + "/neo4j-enterprise-3.4.6"));
            cluster.spareCore(spare);
        }
        return planning.createPlanned(clusterId, "fake-" + clusterId, specs, install, Neo4jVersion.parse("3.4.5"),
                Neo4jVersion.parse("3.4.6"), Method.ROLLING_REPLACEABLE, RunMode.AUTO, null, replacing);
    }

    /** Waits for {@code status}; a run that ends otherwise fails the test at once, with its reason. */
    RunView awaitStatus(Long runId, RunStatus status) {
        return await().pollInSameThread().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> queries.get(runId), r -> {
                    if (r.status() != status && (r.status() == RunStatus.SUCCEEDED || r.status() == RunStatus.FAILED)) {
                        throw new AssertionError("run ended " + r.status() + " instead of " + status + ": " + r.statusReason());
                    }
                    return r.status() == status;
                });
    }

    static RunView.StepView step(RunView run, StepKey key, String server) {
        return run.steps().stream().filter(s -> s.key().equals(key.name()) && Objects.equals(server, s.server()))
                .findFirst().orElseThrow();
    }
}
