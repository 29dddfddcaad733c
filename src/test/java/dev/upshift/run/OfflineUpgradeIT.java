package dev.upshift.run;

import static dev.upshift.run.RunPolling.awaitSucceeded;
import static dev.upshift.run.RunPolling.runStepsUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.upshift.audit.AuditChainVerifier;
import dev.upshift.it.Api;
import dev.upshift.it.LabLeader;
import dev.upshift.it.Probes;
import dev.upshift.it.StepTimes;
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
import dev.upshift.neo4j.Neo4jComponent;
import dev.upshift.remote.SshGateway;

/**
 * Acceptance 3 of the run engine: an offline upgrade 3.3.5 → 3.4.6 (a real store upgrade) of a real 3-core +
 * 1-read-replica lab cluster, through the JSON API in auto mode: the cluster forms on 3.4.6, data written before is
 * read on every member, the store is on the 3.4 format (a temporal property can be written), and the store upgrade's
 * progress lines from debug.log were shown while it ran. On the way (issue 8's fault suite) the seed's SSH server
 * stops while {@code neo4j-admin dump} runs: the run fails at that step, nothing after it runs, and a retry completes it.
 *
 * <p>Before the upgrade it also proves the lab runs 3.3.5 on Java 17 (formerly its own lab test, folded in here to
 * save a cluster formation): one leader, every member 3.3.5 Enterprise answering Cypher, still alive after its first
 * queries (the two Java 17 repairs of {@code lab/dist}).
 *
 * <p>And first, on the same cluster (acceptance 8, again to save a formation): an offline run aborted after the seed
 * core's store upgrade is rolled back, and the cluster is back on 3.3.5 with the data of the pre-upgrade backup; a
 * rollback without that backup is refused with the reason. The upgrade that follows then starts from the rolled-back
 * cluster. Loopback addresses from {@code -Doffline.it.address-base} (127.0.0.171 by default).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfflineUpgradeIT {

    static final String ADMIN_PASSWORD = "it-Off-admin-5532";
    static final Path LAB_ROOT = Path.of("target/lab-offline-it").toAbsolutePath();

    @DynamicPropertySource
    static void panel(DynamicPropertyRegistry r) {
        Path data = Path.of("target/offline-it-data-" + System.nanoTime()).toAbsolutePath();
        r.add("upshift.data-dir", data::toString);
        r.add("upshift.admin-password", () -> ADMIN_PASSWORD);
        r.add("upshift.lab.root", LAB_ROOT::toString);
        r.add("upshift.lab.address-base", () -> System.getProperty("offline.it.address-base", "127.0.0.171"));
    }

    @LocalServerPort int port;
    @Autowired LabService lab;
    @Autowired LabClusterManager labManager;
    @Autowired MembershipView membership;
    @Autowired BoltGateway bolt;
    @Autowired AuditChainVerifier auditChain;
    @Autowired SshGateway ssh;

    String labId;
    Long clusterId;
    LabCluster cluster;

    @AfterAll
    void tearDown() {
        if (labId != null) lab.delete(labId);
    }

    /** The 3.3.5 lab cluster with 100 probe nodes, formed once for the class; the 3.4.6 tarball beside each NEO4J_HOME. */
    private void labCluster() {
        if (cluster != null) return;
        Path tarball346 = OfflineLab.tarball346(LAB_ROOT);

        LabClusterView created = lab.create(new LabClusterRequest("3.3.5", 3, 1));
        labId = created.id();
        LabClusterView ready = await("lab cluster ready").atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(2))
                .until(() -> lab.find(created.id()).orElseThrow(), v -> {
                    if (v.status() == LabStatus.FAILED) throw new AssertionError("lab cluster failed: " + v.message());
                    return v.status() == LabStatus.READY && v.clusterId() != null;
                });
        clusterId = Long.valueOf(ready.clusterId());
        cluster = labManager.find(labId).orElseThrow();
        OfflineLab.besideEachHome(cluster, tarball346);

        BoltEndpoint leader = LabLeader.of(bolt, cluster);
        bolt.query(leader, "UNWIND range(1, 100) AS i CREATE (:Probe {i: i, written: 'before the upgrade'})", Map.of(), true);
        OfflineLab.runs335OnJava17(bolt, ssh, cluster, leader);
        await("monitor sees all 4 members").atMost(Duration.ofMinutes(1)).until(() -> membership.current(clusterId),
                s -> s.reachable() && s.present().size() == 4 && s.leaderCount() == 1);
    }

    /**
     * Acceptance 8: an offline run in manual mode, each step run by the panel on the test's word, so that nodes can be
     * written after its pre-upgrade full backup and before the cluster goes down; aborted once the seed core's store
     * was upgraded (3.4.6 runs on the seed, in SINGLE mode); rolled back by a rollback run in auto mode.
     */
    @Test
    @Order(1)
    void rollbackOfAnOfflineRunAbortedAfterTheSeedCoresUpgrade() {
        Api api = new Api("http://localhost:" + port, "admin", ADMIN_PASSWORD);
        labCluster();

        // Refused, with the reason, when the run never took the pre-upgrade backup (here: discarded before it started).
        Api.Response discarded = api.post("/api/runs", "{\"clusterId\":" + clusterId
                + ",\"targetVersion\":\"3.4.6\",\"method\":\"offline\"}");
        assertThat(discarded.status()).as(discarded.body()).isEqualTo(201);
        Integer discardedId = discarded.read("$.id");
        assertThat(api.post("/api/runs/" + discardedId + "/rollback", "{}").status()).as("rollback of a PLANNED run").isEqualTo(409);
        assertThat(api.post("/api/runs/" + discardedId + "/abort", "{\"reason\":\"discarded\"}").status()).isEqualTo(200);
        Api.Response refused = api.post("/api/runs/" + discardedId + "/rollback", "{}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.<String>read("$.code")).isEqualTo("BACKUP_MISSING");
        assertThat(refused.<String>read("$.detail")).contains("no pre-upgrade full backup")
                .contains("PRE_VERIFY_FULL_BACKUP step never ran");

        Api.Response planned = api.post("/api/runs", "{\"clusterId\":" + clusterId
                + ",\"targetVersion\":\"3.4.6\",\"method\":\"offline\",\"mode\":\"manual\"}");
        assertThat(planned.status()).as(planned.body()).isEqualTo(201);
        Integer runId = planned.read("$.id");
        Api.Response start = api.post("/api/runs/" + runId + "/start", "{\"acknowledge\":[\"no-downgrade\"]}");
        assertThat(start.status()).as(start.body()).isEqualTo(200);
        runStepsUntil(api, runId, "PRE_VERIFY_FULL_BACKUP");
        bolt.query(LabLeader.of(bolt, cluster), "UNWIND range(1, 10) AS i CREATE (:Probe {i: i, written: 'after the backup'})",
                Map.of(), true);
        OfflineLab.checkpointOnTheSeed(ssh, cluster, LAB_ROOT, planned.read("$.seedServer"));
        runStepsUntil(api, runId, "OFF_SEED_START_UPGRADE");
        Api.Response aborted = api.post("/api/runs/" + runId + "/abort", "{\"reason\":\"acceptance 8: abort after the seed core\"}");
        assertThat(aborted.status()).as(aborted.body()).isEqualTo(200);
        assertThat(aborted.<String>read("$.status")).isEqualTo("ABORTED");

        Api.Response rollback = api.post("/api/runs/" + runId + "/rollback", "{}");
        assertThat(rollback.status()).as(rollback.body()).isEqualTo(201);
        Integer rollbackId = rollback.read("$.id");
        assertThat(rollback.<String>read("$.kind")).isEqualTo("rollback");
        assertThat(rollback.<Integer>read("$.rollbackOf")).isEqualTo(runId);
        assertThat(api.get("/api/runs/" + runId).<List<Integer>>read("$.rolledBackBy")).containsExactly(rollbackId);
        assertThat(rollback.<String>read("$.sourceVersion")).isEqualTo("3.4.6");
        assertThat(rollback.<String>read("$.targetVersion")).isEqualTo("3.3.5");
        assertThat(rollback.<List<String>>read("$.steps[*].key")).contains("RB_STOP_ALL", "RB_RESTORE_DB", "RB_START_CORES", "RB_RR_START");

        Instant started = Instant.now();
        Api.Response go = api.post("/api/runs/" + rollbackId + "/start", "{\"acknowledge\":[\"restore-backup\"]}");
        assertThat(go.status()).as(go.body()).isEqualTo(200);
        Api.Response done = awaitSucceeded(api, rollbackId, Duration.ofMinutes(15));
        Duration wall = Duration.between(started, Instant.now());

        BoltEndpoint leader = LabLeader.of(bolt, cluster);
        await("the rolled-back cluster's overview: 3 cores and the read replica").atMost(Duration.ofMinutes(1))
                .until(() -> bolt.overview(leader).stream().map(ClusterMember::role).sorted().toList(),
                        roles -> roles.equals(List.of("FOLLOWER", "FOLLOWER", "LEADER", "READ_REPLICA")));
        for (LabMember m : cluster.members()) {
            BoltEndpoint member = BoltEndpoint.unauthenticated(m.bolt());
            assertThat(bolt.components(member).get(0).version()).as(m.address()).isEqualTo("3.3.5");
            await("pre-upgrade data on " + m.address()).atMost(Duration.ofMinutes(1)).until(() -> Probes.count(bolt, member, "before the upgrade"),
                    n -> n == 100);
            assertThat(Probes.count(bolt, member, "after the backup")).as("nodes written after the backup on " + m.address()).isZero();
        }
        assertThat(membership.current(clusterId).present()).extracting(s -> s.version()).containsOnly("3.3.5");
        Api.Response registry = api.get("/api/clusters/" + clusterId);
        for (LabMember m : cluster.members()) {
            assertThat(registry.<List<String>>read("$.servers[?(@.address == '" + m.address() + "')].neo4jHome"))
                    .containsExactly(m.neo4jHome().toString());
        }
        assertThat(api.get("/api/runs/" + runId).<String>read("$.status")).isEqualTo("ABORTED");
        assertThat(auditChain.verify().intact()).isTrue();
        report("rollback-measure", done, wall);
    }

    @Test
    @Order(2)
    void offlineUpgradeOf3CoresAndAReadReplicaFrom335() {
        Api api = new Api("http://localhost:" + port, "admin", ADMIN_PASSWORD);
        labCluster();
        await("monitor sees all 4 members").atMost(Duration.ofMinutes(1)).until(() -> membership.current(clusterId),
                s -> s.reachable() && s.present().size() == 4 && s.leaderCount() == 1);

        Api.Response options = api.get("/api/clusters/" + clusterId + "/upgrade-options?targetVersion=3.4.6");
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        assertThat(options.<List<Boolean>>read("$.methods[*].allowed")).containsExactly(false, false, true);
        Api.Response rolling = api.post("/api/runs", "{\"clusterId\":" + clusterId
                + ",\"targetVersion\":\"3.4.6\",\"method\":\"rolling-fixed\"}");
        assertThat(rolling.status()).as(rolling.body()).isEqualTo(422);
        assertThat(rolling.<String>read("$.code")).isEqualTo("ROLLING_STORE_FORMAT_CHANGE");

        Api.Response planned = api.post("/api/runs", "{\"clusterId\":" + clusterId
                + ",\"targetVersion\":\"3.4.6\",\"method\":\"offline\",\"mode\":\"auto\"}");
        assertThat(planned.status()).as(planned.body()).isEqualTo(201);
        Integer runId = planned.read("$.id");
        assertThat(planned.<String>read("$.status")).isEqualTo("PLANNED");
        assertThat(planned.<String>read("$.sourceVersion")).isEqualTo("3.3.5");
        assertThat(planned.<List<String>>read("$.steps[*].key")).contains("OFF_SEED_UNBIND", "OFF_START_CORES", "OFF_RR_START");


        Instant started = Instant.now();
        Api.Response start = api.post("/api/runs/" + runId + "/start", "{\"acknowledge\":[\"no-downgrade\"]}");
        assertThat(start.status()).as(start.body()).isEqualTo(200);
        SshDroppedDuringTheDump.survivedBy(api, runId, cluster);
        Api.Response done = awaitSucceeded(api, runId, Duration.ofMinutes(25));
        Duration wall = Duration.between(started, Instant.now());

        for (LabMember m : cluster.members()) {
            List<Neo4jComponent> components = bolt.components(BoltEndpoint.unauthenticated(m.bolt()));
            assertThat(components.get(0).version()).as(m.address()).isEqualTo("3.4.6");
            await("data on " + m.address()).atMost(Duration.ofMinutes(1)).until(() -> bolt.query(BoltEndpoint.unauthenticated(m.bolt()),
                    "MATCH (p:Probe {written: 'before the upgrade'}) RETURN count(p) AS n", Map.of(), false).get(0).get("n"),
                    n -> ((Number) n).longValue() == 100);
        }
        bolt.query(LabLeader.of(bolt, cluster), "CREATE (:Temporal {d: date('2018-07-01')})", Map.of(), true);
        List<Integer> seedStarts = done.read("$.steps[?(@.key == 'OFF_SEED_START_UPGRADE')].id");
        Integer seedStart = seedStarts.get(0);
        Api.Response progressLines = api.get("/api/runs/" + runId + "/steps/" + seedStart + "/output");
        assertThat(progressLines.<List<String>>read("$[*].text")).anyMatch(t -> t.contains("Migrating"))
                .anyMatch(t -> t.contains("Successfully finished upgrade of database"));
        assertThat(auditChain.verify().intact()).isTrue();

        report("offline-measure", done, wall);
    }

    /** One line per step that ran ({@code [tag] KEY server 12.3 s}), then the run's wall time. */
    private static void report(String tag, Api.Response done, Duration wall) {
        StepTimes.print("[" + tag + "]", StepTimes.of(done));
        System.out.printf("[%s] run wall time %d s%n", tag, wall.toSeconds());
    }
}
