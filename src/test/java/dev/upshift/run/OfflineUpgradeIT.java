package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import dev.upshift.lab.LabCluster;
import dev.upshift.lab.LabClusterManager;
import dev.upshift.lab.LabClusterRequest;
import dev.upshift.lab.LabClusterView;
import dev.upshift.lab.LabMember;
import dev.upshift.lab.LabService;
import dev.upshift.lab.LabStatus;
import dev.upshift.lab.dist.DistributionBuilder;
import dev.upshift.lab.dist.Neo4jArtifactResolver;
import dev.upshift.monitor.MembershipView;
import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.BoltGateway;
import dev.upshift.neo4j.ClusterMember;
import dev.upshift.neo4j.Neo4jComponent;
import dev.upshift.remote.ExecResult;
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
        Path tarball346 = new DistributionBuilder(LAB_ROOT.resolve("dist"),
                new Neo4jArtifactResolver(Path.of(System.getProperty("user.home"), ".m2", "repository"),
                        "https://repo.maven.apache.org/maven2/"), Duration.ofSeconds(20))
                .tarball("3.4.6", line -> System.out.println("[dist] " + line));

        LabClusterView created = lab.create(new LabClusterRequest("3.3.5", 3, 1));
        labId = created.id();
        LabClusterView ready = await("lab cluster ready").atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(2))
                .until(() -> lab.find(created.id()).orElseThrow(), v -> {
                    if (v.status() == LabStatus.FAILED) throw new AssertionError("lab cluster failed: " + v.message());
                    return v.status() == LabStatus.READY && v.clusterId() != null;
                });
        clusterId = Long.valueOf(ready.clusterId());
        cluster = labManager.find(labId).orElseThrow();
        for (LabMember m : cluster.members()) {
            // where the plan expects the new version's tarball: beside NEO4J_HOME
            copy(tarball346, m.neo4jHome().getParent().resolve("neo4j-enterprise-3.4.6-unix.tar.gz"));
        }

        BoltEndpoint leader = LabLeader.of(bolt, cluster);
        bolt.query(leader, "UNWIND range(1, 100) AS i CREATE (:Probe {i: i, written: 'before the upgrade'})", Map.of(), true);
        theLabRuns335OnJava17(cluster, leader);
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
        checkpointOnTheSeed(planned.read("$.seedServer"));
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
            await("pre-upgrade data on " + m.address()).atMost(Duration.ofMinutes(1)).until(() -> count(member, "before the upgrade"),
                    n -> n == 100);
            assertThat(count(member, "after the backup")).as("nodes written after the backup on " + m.address()).isZero();
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

    /**
     * Measured: the lab's 3.3.5 members do not finish their shutdown on SIGTERM (Jetty's connector stop is interrupted,
     * then nothing) and are killed after the lab's shutdown timeout (OFF_STOP_ALL takes ~20 s per member, also on
     * main). A killed store with transactions after its last checkpoint needs recovery, and 3.4.6 refuses to upgrade
     * it ("The database is not cleanly shutdown ... run the old version"). In the plain upgrade the pre-upgrade backup
     * is the seed's last checkpoint and nothing is written after it; here the nodes written after the backup must
     * reach a checkpoint too. 3.3 has no checkpoint procedure, so, as an operator would, a throwaway online backup
     * from the seed forces one (written under the lab root, not where the run keeps its backups).
     */
    private void checkpointOnTheSeed(String seed) {
        LabMember m = cluster.members().stream().filter(x -> x.address().equals(seed)).findFirst().orElseThrow();
        Path dir = LAB_ROOT.resolve("checkpoint-" + System.nanoTime());
        ExecResult r = ssh.exec(cluster.sshTarget(m), "mkdir -p " + dir + " && " + m.neo4jHome().resolve("bin/neo4j-admin")
                + " backup --from=" + seed
                + ":6362 --backup-dir=" + dir + " --name=graph.db --check-consistency=false", Duration.ofMinutes(2));
        assertThat(r.exitCode()).as("throwaway backup on " + seed + ": " + r.stdout()).isZero();
    }

    /**
     * Manual mode: runs each step that waits for the operator with the panel ("run"), until {@code key} has
     * succeeded (the next step then waits for the operator).
     */
    private static void runStepsUntil(Api api, Integer runId, String key) {
        while (true) {
            Api.Response r = await("run " + runId + ": a step waiting for the operator, or " + key + " done")
                    .atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> api.get("/api/runs/" + runId), x -> {
                        failIfEnded(x);
                        return succeeded(x, key) || !waitingForOperator(x).isEmpty();
                    });
            if (succeeded(r, key)) return;
            Integer step = waitingForOperator(r).get(0);
            Api.Response ran = api.post("/api/runs/" + runId + "/steps/" + step + "/run", "{}");
            assertThat(ran.status()).as(ran.body()).isEqualTo(200);
            progress(ran);
        }
    }

    private static boolean succeeded(Api.Response r, String key) {
        List<String> statuses = r.read("$.steps[?(@.key == '" + key + "')].status");
        return !statuses.isEmpty() && statuses.stream().allMatch("SUCCEEDED"::equals);
    }

    private static List<Integer> waitingForOperator(Api.Response r) {
        return r.read("$.steps[?(@.status == 'RUNNING' && @.waitingReason =~ /Waiting for the operator.*/)].id");
    }

    private static void failIfEnded(Api.Response r) {
        String status = r.read("$.status");
        if (status.equals("FAILED") || status.equals("INTERRUPTED") || status.equals("ABORTED")) {
            throw new AssertionError("run " + status + ": " + r.read("$.statusReason") + "\n"
                    + r.read("$.steps[?(@.status == 'FAILED')].diagnosis"));
        }
    }

    private static Api.Response awaitSucceeded(Api api, Integer runId, Duration atMost) {
        return await("run " + runId + " finished").atMost(atMost).pollInterval(Duration.ofSeconds(5))
                .until(() -> progress(api.get("/api/runs/" + runId)), r -> {
                    failIfEnded(r);
                    return r.read("$.status").equals("SUCCEEDED");
                });
    }

    private long count(BoltEndpoint member, String written) {
        return ((Number) bolt.query(member, "MATCH (p:Probe {written: $w}) RETURN count(p) AS n", Map.of("w", written), false)
                .get(0).get("n")).longValue();
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
        sshDroppedDuringTheDump(api, runId);
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

    private void theLabRuns335OnJava17(LabCluster cluster, BoltEndpoint leader) {
        List<ClusterMember> overview = bolt.overview(leader);
        assertThat(overview).extracting(ClusterMember::role).containsExactlyInAnyOrder("LEADER", "FOLLOWER", "FOLLOWER", "READ_REPLICA");
        for (LabMember m : cluster.members()) {
            Neo4jComponent kernel = bolt.components(BoltEndpoint.unauthenticated(m.bolt())).get(0);
            assertThat(kernel.version()).as(m.address()).isEqualTo("3.3.5");
            assertThat(kernel.edition()).isEqualTo("enterprise");
        }
        // compiled Cypher (the codegen repair) and Bolt's string encoding (the bolt repair) on the leader
        assertThat(bolt.query(leader, "MATCH (p:Probe) RETURN sum(p.i) AS total, collect(p.written)[0] AS w", Map.of(), false))
                .containsExactly(Map.of("total", 5050L, "w", "before the upgrade"));
        for (LabMember m : cluster.members()) {
            ExecResult status = ssh.exec(cluster.sshTarget(m), m.neo4jHome().resolve("bin/neo4j") + " status", Duration.ofSeconds(20));
            assertThat(status.exitCode()).as(m.address() + " alive after its first queries: " + status.stdout()).isZero();
        }
        System.out.printf("[lab-measure] 3.3.5 3 cores + 1 RR formation %d s%n", cluster.formationTime().toSeconds());
    }

    /**
     * Issue 8's fault: the seed's SSH server stops while {@code neo4j-admin dump} runs there. The step fails (the panel
     * never saw the command end), nothing after it runs; with SSH back, a retry dumps again from the start.
     */
    private void sshDroppedDuringTheDump(Api api, Integer runId) {
        Integer dump = api.get("/api/runs/" + runId).<List<Integer>>read("$.steps[?(@.key == 'OFF_SEED_DUMP')].id").get(0);
        String seed = api.get("/api/runs/" + runId).<List<String>>read("$.steps[?(@.key == 'OFF_SEED_DUMP')].server").get(0);
        String output = "/api/runs/" + runId + "/steps/" + dump + "/output";
        await("neo4j-admin dump sent to the seed").atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    failIfEnded(api.get("/api/runs/" + runId));
                    return api.get(output).<List<String>>read("$[*].text");
                }, lines -> lines.stream().anyMatch(l -> l.startsWith("$ ") && l.contains(" dump --database=")));
        Map<String, Object> failed = Faults.sshOutageFailsTheStep(api, runId, cluster, seed, dump);
        Faults faults = new Faults();
        faults.injected("the SSH server of the seed " + seed + " stopped during neo4j-admin dump", "run FAILED at "
                + "OFF_SEED_DUMP, nothing after it ran; diagnosis: " + failed.get("diagnosis"));
        // as with sshd, a command without a terminal outlives its connection: the DBA lets the dump end, then retries
        await("the cut-off dump ends on the seed").atMost(Duration.ofMinutes(2)).until(() -> ProcessHandle.allProcesses()
                .noneMatch(p -> p.info().commandLine().filter(c -> c.contains("AdminTool") && c.contains(" dump ")
                        && c.contains("/" + seed + "/")).isPresent()));   // its class path is the seed's NEO4J_HOME
        Api.Response retried = api.post("/api/runs/" + runId + "/steps/" + dump + "/retry", "{}");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        faults.survived("SSH connection dropped during neo4j-admin dump (OFF_SEED_DUMP)");
        faults.print(1);
    }

    private static Api.Response progress(Api.Response r) {
        List<String> running = r.read("$.steps[?(@.status == 'RUNNING')].key");
        List<String> servers = r.read("$.steps[?(@.status == 'RUNNING')].server");
        List<String> waiting = r.read("$.steps[?(@.status == 'RUNNING')].waitingReason");
        System.out.println("[run] " + r.read("$.status") + " " + running + " " + servers + (waiting.isEmpty() ? "" : " " + waiting));
        return r;
    }

    private static void report(String tag, Api.Response done, Duration wall) {
        List<Map<String, Object>> steps = done.read("$.steps");
        for (Map<String, Object> s : steps) {
            if (s.get("startedAt") == null || s.get("endedAt") == null) continue;
            Duration d = Duration.between(Instant.parse((String) s.get("startedAt")), Instant.parse((String) s.get("endedAt")));
            System.out.printf("[%s] %-26s %-14s %6.1f s%n", tag, s.get("key"), s.get("server"), d.toMillis() / 1000.0);
        }
        System.out.printf("[%s] run wall time %d s%n", tag, wall.toSeconds());
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
