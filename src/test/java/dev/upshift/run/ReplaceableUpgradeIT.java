package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.upshift.audit.AuditChainVerifier;
import dev.upshift.it.Api;
import dev.upshift.it.FewestCores;
import dev.upshift.it.LabLeader;
import dev.upshift.lab.LabCluster;
import dev.upshift.lab.LabClusterManager;
import dev.upshift.lab.LabClusterRequest;
import dev.upshift.lab.LabClusterView;
import dev.upshift.lab.LabMember;
import dev.upshift.lab.LabService;
import dev.upshift.lab.LabStatus;
import dev.upshift.monitor.MembershipView;
import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.BoltGateway;
import dev.upshift.neo4j.ClusterMember;
import dev.upshift.neo4j.Neo4jUnavailableException;

/**
 * Acceptance 2 of the run engine: a rolling upgrade on replaceable resources (5.3.2.2) 3.4.5 → 3.4.6 of a real
 * 3-core lab cluster onto 3 new lab hosts (registered as spares), through the JSON API in auto mode: every new
 * instance joins by store copy before the member it replaces is shut down, the old hosts end stopped, the overview
 * lists only the new hosts, data written before is read on each of them, and the registry now expects the new hosts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplaceableUpgradeIT {

    static final String ADMIN_PASSWORD = "it-Repl-admin-3456";
    static final Path LAB_ROOT = Path.of("target/lab-replaceable-it").toAbsolutePath();

    @DynamicPropertySource
    static void panel(DynamicPropertyRegistry r) {
        Path data = Path.of("target/replaceable-it-data-" + System.nanoTime()).toAbsolutePath();
        r.add("upshift.data-dir", data::toString);
        r.add("upshift.admin-password", () -> ADMIN_PASSWORD);
        r.add("upshift.lab.root", LAB_ROOT::toString);
        r.add("upshift.lab.address-base", () -> System.getProperty("replaceable.it.address-base", "127.0.0.141"));
        r.add("upshift.run.verify-timeout", () -> "3m");
    }

    @LocalServerPort int port;
    @Autowired LabService lab;
    @Autowired LabClusterManager labManager;
    @Autowired MembershipView membership;
    @Autowired BoltGateway bolt;
    @Autowired AuditChainVerifier auditChain;

    String labId;

    @AfterAll
    void tearDown() {
        if (labId != null) lab.delete(labId);
    }

    @Test
    void everyCoreIsReplacedByANewHostOn346() {
        Api api = new Api("http://localhost:" + port, "admin", ADMIN_PASSWORD);
        LabClusterView created = lab.create(new LabClusterRequest("3.4.5", 3, 0, 3));
        labId = created.id();
        LabClusterView ready = await("lab cluster ready").atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(2))
                .until(() -> lab.find(created.id()).orElseThrow(), v -> {
                    if (v.status() == LabStatus.FAILED) throw new AssertionError("lab cluster failed: " + v.message());
                    return v.status() == LabStatus.READY && v.clusterId() != null;
                });
        Long clusterId = Long.valueOf(ready.clusterId());
        LabCluster cluster = labManager.find(labId).orElseThrow();
        List<String> olds = cluster.members().stream().map(LabMember::address).toList();
        List<String> news = cluster.spares().stream().map(LabMember::address).toList();

        Api.Response registered = api.get("/api/clusters/" + clusterId);
        assertThat(registered.<List<String>>read("$.servers[?(@.spare == true)].address")).containsExactlyElementsOf(news);

        bolt.query(LabLeader.of(bolt, cluster), "UNWIND range(1, 100) AS i CREATE (:Probe {i: i, written: 'before the upgrade'})",
                Map.of(), true);
        await("monitor sees the 3 members").atMost(Duration.ofMinutes(1)).until(() -> membership.current(clusterId),
                s -> s.reachable() && s.present().size() == 3 && s.leaderCount() == 1);

        String replacements = "{" + String.join(",", java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> Api.q(olds.get(i)) + ":" + Api.q(news.get(i))).toList()) + "}";
        Api.Response refused = api.post("/api/runs", "{\"clusterId\":" + clusterId
                + ",\"targetVersion\":\"3.4.6\",\"method\":\"rolling-replaceable\",\"replacements\":{"
                + Api.q(olds.get(0)) + ":\"127.0.0.250\"}}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("127.0.0.250 is not a spare server").contains(news.get(0));

        Api.Response planned = api.post("/api/runs", "{\"clusterId\":" + clusterId + ",\"targetVersion\":\"3.4.6\","
                + "\"method\":\"rolling-replaceable\",\"mode\":\"auto\",\"replacements\":" + replacements + "}");
        assertThat(planned.status()).as(planned.body()).isEqualTo(201);
        Integer runId = planned.read("$.id");
        assertThat(planned.<List<String>>read("$.steps[?(@.key == 'RR_NEW_INSTANCE')].server"))
                .containsExactlyInAnyOrderElementsOf(news);
        assertThat(planned.<List<String>>read("$.steps[?(@.key == 'RR_STOP_OLD')].server"))
                .containsExactlyInAnyOrderElementsOf(olds);

        Api.Response preflight = api.post("/api/runs/" + runId + "/preflight", "{}");
        assertThat(preflight.<List<String>>read("$.checks[?(@.ok == false)].message")).as("pre-flight").isEmpty();
        assertThat(preflight.<List<String>>read("$.checks[?(@.name == 'disk')].server")).containsAll(news);

        Instant started = Instant.now();
        Api.Response done;
        long fewest;
        try (FewestCores sampler = new FewestCores(membership, clusterId)) {
            Api.Response start = api.post("/api/runs/" + runId + "/start", "{\"acknowledge\":[\"no-downgrade\",\"write-load\"]}");
            assertThat(start.status()).as(start.body()).isEqualTo(200);
            done = await("run " + runId + " finished").atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(5))
                    .until(() -> progress(api.get("/api/runs/" + runId)), r -> {
                        String status = r.read("$.status");
                        if (status.equals("FAILED") || status.equals("INTERRUPTED") || status.equals("ABORTED")) {
                            throw new AssertionError("run " + status + ": " + r.read("$.statusReason") + "\n"
                                    + r.read("$.steps[?(@.status == 'FAILED')].diagnosis"));
                        }
                        return status.equals("SUCCEEDED");
                    });
            fewest = sampler.stop();
        }
        Duration wall = Duration.between(started, Instant.now());

        // the old hosts are stopped: their Bolt no longer answers
        for (String old : olds) {
            assertThat(answers(old)).as(old + " still answers Bolt").isFalse();
        }
        // the overview lists only the new hosts, all on 3.4.6, and each has the data written before
        BoltEndpoint anyNew = BoltEndpoint.unauthenticated(java.net.URI.create("bolt://" + news.get(0) + ":7687"));
        List<ClusterMember> overview = await("overview of the new hosts only").atMost(Duration.ofMinutes(2))
                .until(() -> bolt.overview(anyNew), o -> o.size() == 3);
        assertThat(overview.stream().map(ClusterMember::host).collect(Collectors.toSet())).isEqualTo(Set.copyOf(news));
        for (String neu : news) {
            BoltEndpoint e = BoltEndpoint.unauthenticated(java.net.URI.create("bolt://" + neu + ":7687"));
            assertThat(bolt.components(e).get(0).version()).as(neu).isEqualTo("3.4.6");
            await("data on " + neu).atMost(Duration.ofMinutes(1)).until(() -> bolt.query(e,
                    "MATCH (p:Probe {written: 'before the upgrade'}) RETURN count(p) AS n", Map.of(), false).get(0).get("n"),
                    n -> ((Number) n).longValue() == 100);
        }
        // a replacement joins before its member stops: the cores never fell below the 3 expected
        assertThat(fewest).as("fewest cores seen during the run").isGreaterThanOrEqualTo(3);

        // the registry follows: the new hosts are the members the monitor expects, the old ones spares for next time
        Api.Response after = api.get("/api/clusters/" + clusterId);
        assertThat(after.<List<String>>read("$.servers[?(@.spare == false)].address")).containsExactlyInAnyOrderElementsOf(news);
        assertThat(after.<List<String>>read("$.servers[?(@.spare == true)].address")).containsExactlyInAnyOrderElementsOf(olds);
        await("monitor expects the new hosts").atMost(Duration.ofSeconds(30)).until(() -> membership.current(clusterId),
                s -> s.reachable() && s.present().size() == 3 && s.members().stream().noneMatch(m -> olds.contains(m.address())));
        assertThat(auditChain.verify().intact()).isTrue();

        report(done, wall);
    }

    private boolean answers(String host) {
        try {
            bolt.components(BoltEndpoint.unauthenticated(java.net.URI.create("bolt://" + host + ":7687")));
            return true;
        } catch (Neo4jUnavailableException e) {
            return false;
        }
    }

    private static Api.Response progress(Api.Response r) {
        List<String> running = r.read("$.steps[?(@.status == 'RUNNING')].key");
        List<String> servers = r.read("$.steps[?(@.status == 'RUNNING')].server");
        List<String> waiting = r.read("$.steps[?(@.status == 'RUNNING')].waitingReason");
        System.out.println("[run] " + r.read("$.status") + " " + running + " " + servers + (waiting.isEmpty() ? "" : " " + waiting));
        return r;
    }

    /** Wall time against the members' own work: each new instance's start-to-joined and each old one's stop. */
    private static void report(Api.Response done, Duration wall) {
        List<Map<String, Object>> steps = done.read("$.steps");
        double own = 0;
        for (Map<String, Object> s : steps) {
            if (s.get("startedAt") == null || s.get("endedAt") == null) continue;
            Duration d = Duration.between(Instant.parse((String) s.get("startedAt")), Instant.parse((String) s.get("endedAt")));
            System.out.printf("[replaceable-measure] %-26s %-14s %6.1f s%n", s.get("key"), s.get("server"), d.toMillis() / 1000.0);
            if (List.of("RR_START_STORE_COPY", "RR_VERIFY_JOINED", "RR_STOP_OLD").contains((String) s.get("key"))) {
                own += d.toMillis() / 1000.0;
            }
        }
        System.out.printf("[replaceable-measure] run wall time %d s, members' own start-to-joined + stop %.0f s, ratio %.2f%n",
                wall.toSeconds(), own, wall.toMillis() / 1000.0 / own);
    }
}
