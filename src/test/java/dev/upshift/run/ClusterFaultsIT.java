package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.upshift.it.Api;
import dev.upshift.it.PanelWithLab;
import dev.upshift.lab.LabCluster;
import dev.upshift.lab.LabClusterManager;
import dev.upshift.lab.LabClusterView;
import dev.upshift.lab.LabMember;
import dev.upshift.monitor.MembershipView;
import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.BoltGateway;
import dev.upshift.remote.SshGateway;
import tools.jackson.databind.json.JsonMapper;

/**
 * Faults on a practice cluster of its own (3 cores, 3.4.5). Pre-flight (issue 4) passes when the cluster is healthy,
 * and fails naming the server and the fix when that server's disk is nearly full, when its host key no longer matches
 * the pinned one, and when a member is stopped; each fault is undone before the next. Then one rolling run through
 * four faults (issue 5 acceptance 4, issue 8's fault suite), each halting or holding the run cleanly until undone:
 * the pre-upgrade full backup's disk is full; the SSH daemon of the first server to stop dies while it stops; the
 * panel's Bolt access is refused while the next stop's health gate decides; the second server's prepared conf has a
 * setting Neo4j refuses (the run halts on that server with Neo4j's own error while the other two cores stay a
 * cluster). The DBA fixes each and retries or resumes, and the run completes on 3.4.6.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsIT extends PanelWithLab {

    @Autowired LabClusterManager labManager;
    @Autowired SshGateway ssh;
    @Autowired JdbcTemplate jdbc;
    @Autowired MembershipView membership;
    @Autowired BoltGateway bolt;

    LabClusterView practice;
    LabCluster cluster;
    Long clusterId;
    Api api;
    Integer runId;

    @BeforeAll
    void clusterAndRun() {
        practice = ownPracticeCluster("3.4.5", 3, 0);
        cluster = labManager.find(practice.id()).orElseThrow();
        clusterId = Long.valueOf(practice.clusterId());
        api = new Api(baseUrl(), "admin", ADMIN_PASSWORD);
        await("monitor sees 3 members").atMost(Duration.ofMinutes(1))
                .until(() -> membership.current(clusterId), s -> s.reachable() && s.present().size() == 3);
        Api.Response planned = api.post("/api/runs", "{\"clusterId\":" + clusterId
                + ",\"targetVersion\":\"3.4.6\",\"method\":\"rolling-fixed\",\"mode\":\"auto\"}");
        assertThat(planned.status()).as(planned.body()).isEqualTo(201);
        runId = planned.read("$.id");
    }

    final Faults faults = new Faults();

    @AfterAll
    void tearDown() {
        faults.print(7);
        if (practice != null) lab.delete(practice.id());
    }

    @Test
    @Order(1)
    void passesOnAHealthyCluster() {
        assertThat(failed(preflight())).isEmpty();
    }

    @Test
    @Order(2)
    void aNearlyFullDiskFailsNamingTheServer() throws IOException {
        LabMember member = cluster.members().get(1);
        // the server's df reports 100 MB free on every filesystem (its ~/bin comes first on the PATH)
        Path bin = Files.createDirectories(member.neo4jHome().getParent().resolve("bin"));
        Path df = bin.resolve("df");
        Files.writeString(df, "#!/bin/sh\necho 'Filesystem 1024-blocks Used Available Capacity Mounted on'\n"
                + "echo '/dev/sdz 104857600 104755200 102400 100% /'\n");
        Files.setPosixFilePermissions(df, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            List<Map<String, Object>> failed = failed(preflight());
            assertThat(failed).hasSize(1);
            assertThat(failed.get(0)).containsEntry("name", "disk").containsEntry("server", member.address());
            assertThat((String) failed.get(0).get("message")).contains("only 100 MB free", "free space first",
                    "upshift.run.min-free-disk-mb");
        } finally {
            Files.delete(df);
        }
        assertThat(failed(preflight())).isEmpty();
        faults.survived("disk nearly full (pre-flight)");
    }

    @Test
    @Order(3)
    void aChangedHostKeyFailsNamingTheServerAndTheFix() {
        String victim = cluster.members().get(2).address();
        String other = cluster.members().get(0).address();
        String pinned = pinnedKey(victim);
        // as if the server had been reinstalled: what it presents is no longer what the registry pinned
        jdbc.update("update cluster_server set host_key_fingerprint = ? where cluster_id = ? and address = ?",
                pinnedKey(other), clusterId, victim);
        try {
            List<Map<String, Object>> failed = failed(preflight());
            assertThat(failed).hasSize(1);
            assertThat(failed.get(0)).containsEntry("name", "ssh").containsEntry("server", victim);
            assertThat((String) failed.get(0).get("message")).contains("re-pin its host key");
        } finally {
            jdbc.update("update cluster_server set host_key_fingerprint = ? where cluster_id = ? and address = ?",
                    pinned, clusterId, victim);
        }
        assertThat(failed(preflight())).isEmpty();
        faults.survived("changed host key (pre-flight)");
    }

    @Test
    @Order(4)
    void aStoppedMemberFailsNamingTheServer() {
        LabMember member = cluster.members().get(1);
        assertThat(ssh.exec(cluster.sshTarget(member), "cd " + member.neo4jHome() + " && bin/neo4j stop",
                Duration.ofMinutes(2)).succeeded()).isTrue();
        await("monitor sees the member gone").atMost(Duration.ofMinutes(1))
                .until(() -> membership.current(clusterId), s -> s.reachable() && s.present().size() == 2);
        List<Map<String, Object>> failed = failed(preflight());
        assertThat(failed).extracting(c -> c.get("name")).contains("membership", "bolt");
        assertThat(failed).filteredOn(c -> "membership".equals(c.get("name"))).singleElement()
                .satisfies(c -> assertThat((String) c.get("message")).contains(member.address(), "start or repair the member"));
        assertThat(failed).filteredOn(c -> "bolt".equals(c.get("name"))).singleElement()
                .satisfies(c -> {
                    assertThat(c).containsEntry("server", member.address());
                    assertThat((String) c.get("message")).contains("Start the member");
                });
        faults.survived("a stopped member (pre-flight)");
    }

    @Test
    @Order(5)
    void aConfNeo4jRefusesHaltsTheRunOnThatServerUntilFixedAndRetried() {
        LabMember stopped = cluster.members().get(1);
        assertThat(ssh.exec(cluster.sshTarget(stopped), "cd " + stopped.neo4jHome() + " && bin/neo4j start",
                Duration.ofMinutes(2)).succeeded()).isTrue();
        await("monitor sees 3 members again").atMost(Duration.ofMinutes(2))
                .until(() -> membership.current(clusterId), s -> s.reachable() && s.present().size() == 3 && s.leaderCount() == 1);
        // listed by the others as soon as it joins, a member answers Bolt a little later: the run's first step asks it
        await("the restarted member answers Bolt").atMost(Duration.ofMinutes(1)).ignoreExceptions()
                .until(() -> !bolt.components(BoltEndpoint.unauthenticated(stopped.bolt())).isEmpty());
        assertThat(api.post("/api/runs/" + runId + "/abort", "{\"reason\":\"pre-flight faults done\"}").status()).isEqualTo(200);

        Api.Response planned = api.post("/api/runs", "{\"clusterId\":" + clusterId
                + ",\"targetVersion\":\"3.4.6\",\"method\":\"rolling-fixed\",\"mode\":\"auto\"}");
        assertThat(planned.status()).as(planned.body()).isEqualTo(201);
        Integer run = planned.read("$.id");
        List<String> stopOrder = planned.read("$.steps[?(@.key == 'SRV_STOP')].server");
        String victim = stopOrder.get(1);
        String derived = api.get("/api/runs/" + run + "/conf/" + victim).read("$.variants[0].content");
        Api.Response put = api.put("/api/runs/" + run + "/conf/" + victim, json(Map.of("content",
                derived + "\n# a typo the panel's key check cannot see: Neo4j refuses the value\ndbms.logs.query.enabled=perhaps\n")));
        assertThat(put.status()).as(put.body()).isEqualTo(200);

        // then the faults of the run's first steps, each undone: a full backup disk, SSH down during a stop, Bolt refused
        Map<String, Object> backupStep = planned.<List<Map<String, Object>>>read("$.steps[?(@.key == 'PRE_VERIFY_FULL_BACKUP')]").get(0);
        RollingRunFaults inject = new RollingRunFaults(api, jdbc, membership, bolt, cluster, clusterId, faults);
        inject.startOnAFullBackupDisk(run, backupStep);
        String first = inject.sshDroppedDuringTheFirstStop(run);
        inject.boltUnreachableWhileAGateDecides(run, first);

        Api.Response halted = await("the run halts").atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(3))
                .until(() -> api.get("/api/runs/" + run), r -> !"RUNNING".equals(r.read("$.status")));
        assertThat(halted.<String>read("$.status")).as(halted.body()).isEqualTo("FAILED");
        List<Map<String, Object>> failedSteps = halted.read("$.steps[?(@.status == 'FAILED')]");
        assertThat(failedSteps).hasSize(1);
        Map<String, Object> failedStep = failedSteps.get(0);
        assertThat(failedStep.get("server")).as(failedStep.get("key") + ": " + failedStep.get("diagnosis")).isEqualTo(victim);
        assertThat((String) failedStep.get("key")).isIn("SRV_START", "SRV_VERIFY_JOINED");
        assertThat((String) failedStep.get("diagnosis")).as("Neo4j's own words in the diagnosis")
                .contains("dbms.logs.query.enabled").contains("perhaps");
        // nothing after the failed step ran, and the two other cores still form a cluster with a leader
        Faults.assertNothingRanAfter(halted, failedStep);
        await("the other cores form a cluster").atMost(Duration.ofMinutes(1)).until(() -> membership.current(clusterId),
                s -> s.reachable() && s.presentCores() == 2 && s.leaderCount() == 1);

        // the DBA fixes the file on the server and starts the member there (the panel's start step had succeeded:
        // bin/neo4j start returns before Neo4j reads its conf), then retries the failed step: the run goes on
        LabMember fixed = cluster.members().stream().filter(m -> m.address().equals(victim)).findFirst().orElseThrow();
        String newHome = fixed.neo4jHome().getParent().resolve("neo4j-enterprise-3.4.6").toString();
        boolean startedByThePanel = "SRV_VERIFY_JOINED".equals(failedStep.get("key"));
        assertThat(ssh.exec(cluster.sshTarget(fixed), "sed -i '/dbms.logs.query.enabled=perhaps/d' " + newHome
                + "/conf/neo4j.conf" + (startedByThePanel ? " && " + newHome + "/bin/neo4j start" : ""),
                Duration.ofMinutes(2)).succeeded()).isTrue();
        Api.Response retried = api.post("/api/runs/" + run + "/steps/" + failedStep.get("id") + "/retry",
                "{\"confirmUnsafe\":true}");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        Api.Response done = await("the run completes").atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(3))
                .until(() -> api.get("/api/runs/" + run), r -> !"RUNNING".equals(r.read("$.status")));
        assertThat(done.<String>read("$.status")).as(done.body()).isEqualTo("SUCCEEDED");
        await("every member on 3.4.6").atMost(Duration.ofMinutes(1)).until(() -> membership.current(clusterId),
                s -> s.present().size() == 3 && s.present().stream().allMatch(m -> "3.4.6".equals(m.version())));
        faults.survived("a prepared conf Neo4j refuses (run halted on that server, fixed, retried)");
    }

    private static String json(Map<String, String> body) {
        return JsonMapper.builder().build().writeValueAsString(body);
    }

    private String pinnedKey(String address) {
        return jdbc.queryForObject("select host_key_fingerprint from cluster_server where cluster_id = ? and address = ?",
                String.class, clusterId, address);
    }

    private Api.Response preflight() {
        Api.Response r = api.post("/api/runs/" + runId + "/preflight", "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static List<Map<String, Object>> failed(Api.Response r) {
        List<Map<String, Object>> checks = r.read("$.checks");
        assertThat(checks).as("pre-flight ran its checks").isNotEmpty();
        return checks.stream().filter(c -> !Boolean.TRUE.equals(c.get("ok"))).toList();
    }
}
