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
import dev.upshift.remote.SshGateway;

/**
 * Pre-flight (issue 4) on a practice cluster of its own (3 cores, 3.4.5): it passes when the cluster is healthy, and
 * fails naming the server and the fix when that server's disk is nearly full, when its host key no longer matches the
 * pinned one, and when a member is stopped. Each fault is undone before the next, and pre-flight passes again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PreflightFaultsIT extends PanelWithLab {

    @Autowired LabClusterManager labManager;
    @Autowired SshGateway ssh;
    @Autowired JdbcTemplate jdbc;
    @Autowired MembershipView membership;

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

    @AfterAll
    void tearDown() {
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
