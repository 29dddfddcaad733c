package dev.upshift.lab;

import static dev.upshift.lab.LabFixtures.BOLT;
import static dev.upshift.lab.LabFixtures.SSH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.ClusterMember;
import dev.upshift.neo4j.Neo4jComponent;
import dev.upshift.remote.ExecResult;
import dev.upshift.remote.HostKeyMismatchException;
import dev.upshift.remote.SshTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** One real 3-core + 1-read-replica Neo4j 3.4.5 lab cluster, shared by every test of this class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabClusterIT {

    private static final String LAB_ID = "it-345";

    private LabClusterManager lab;
    private LabCluster cluster;

    @BeforeAll
    void startCluster() {
        lab = LabFixtures.manager("127.0.0.21");
        lab.sweep();
        Instant started = Instant.now();
        cluster = lab.create(LAB_ID, new LabClusterRequest("3.4.5", 3, 1), step -> System.out.println("[lab] " + step));
        System.out.printf("[lab-measure] 3.4.5 create (incl. distribution) %d s, formation (start to one LEADER, all 4 in overview) %d s%n",
                Duration.between(started, Instant.now()).toSeconds(), cluster.formationTime().toSeconds());
        LabFixtures.printRss(cluster);
    }

    @AfterAll
    void tearDown() {
        if (lab == null) {
            return;
        }
        List<LabMember> members = cluster != null ? cluster.members() : List.of();
        Instant started = Instant.now();
        lab.close();
        System.out.printf("[lab-measure] 3.4.5 teardown %d s%n", Duration.between(started, Instant.now()).toSeconds());
        LabFixtures.assertNothingLeft(lab, LAB_ID, members);
    }

    @Test
    @Order(1)
    void overviewListsOneLeaderTwoFollowersAndAReadReplicaEachOnItsOwnAddress() {
        List<ClusterMember> overview = BOLT.overview(endpoint(cluster.cores().get(0)));

        assertThat(overview).hasSize(4);
        assertThat(overview).extracting(ClusterMember::role)
                .containsExactlyInAnyOrder("LEADER", "FOLLOWER", "FOLLOWER", "READ_REPLICA");
        assertThat(overview).extracting(ClusterMember::host)
                .doesNotHaveDuplicates()
                .allMatch(h -> h.startsWith("127.0.0."))
                .containsExactlyInAnyOrderElementsOf(cluster.members().stream().map(LabMember::address).toList());
        ClusterMember replica = overview.stream().filter(m -> m.role().equals("READ_REPLICA")).findFirst().orElseThrow();
        assertThat(replica.host()).isEqualTo(cluster.members().get(3).address());
    }

    @Test
    @Order(2)
    void everyMemberReports345Enterprise() {
        for (LabMember m : cluster.members()) {
            Neo4jComponent kernel = BOLT.components(endpoint(m)).get(0);
            assertThat(kernel.name()).isEqualTo("Neo4j Kernel");
            assertThat(kernel.version()).isEqualTo("3.4.5");
            assertThat(kernel.edition()).isEqualTo("enterprise");
            // the newer offered version is staged beside the installation, where the upgrade wizard looks for it
            assertThat(m.home().resolve("neo4j-enterprise-3.4.6-unix.tar.gz")).isRegularFile();
        }
    }

    @Test
    @Order(3)
    void bin_neo4j_answersOverSshWithTheHostKeyVerified() {
        LabMember m = cluster.members().get(1);
        ExecResult status = SSH.exec(cluster.sshTarget(m), m.neo4jHome().resolve("bin/neo4j") + " status", Duration.ofSeconds(20));
        assertThat(status.exitCode()).isZero();
        assertThat(status.stdout()).startsWith("Neo4j is running at pid ");

        ExecResult version = SSH.exec(cluster.sshTarget(m), "neo4j-enterprise-3.4.5/bin/neo4j version", Duration.ofSeconds(20));
        assertThat(version.stdout()).isEqualTo("neo4j 3.4.5");
        assertThat(SSH.fetchHostKeyFingerprint(m.address(), m.sshPort())).isEqualTo(m.hostKeyFingerprint());

        ExecResult admin = SSH.exec(cluster.sshTarget(m), "neo4j-enterprise-3.4.5/bin/neo4j-admin help", Duration.ofSeconds(60));
        assertThat(admin.exitCode()).as(admin.stdout() + admin.stderr()).isZero();
        assertThat(admin.stdout()).contains("dump", "load", "unbind");
    }

    @Test
    @Order(4)
    void aHostPresentingAnotherKeyThanThePinnedOneIsRefused() {
        LabMember m = cluster.members().get(1);
        String otherHostsKey = cluster.members().get(0).hostKeyFingerprint();
        assertThat(otherHostsKey).isNotEqualTo(m.hostKeyFingerprint());
        SshTarget wrongPin = cluster.sshTarget(m).withFingerprint(otherHostsKey);

        assertThatThrownBy(() -> SSH.exec(wrongPin, "true", Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(HostKeyMismatchException.class, e -> {
                    assertThat(e.expected()).isEqualTo(otherHostsKey);
                    assertThat(e.presented()).isEqualTo(m.hostKeyFingerprint());
                });
    }

    @Test
    @Order(5)
    void dataWrittenThroughTheLeaderIsReadableOnEveryMember() {
        LabMember leader = leader();
        String probe = UUID.randomUUID().toString();
        BOLT.query(endpoint(leader), "CREATE (:LabProbe {id: $id})", Map.of("id", probe), true);

        for (LabMember m : cluster.members()) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() ->
                    assertThat(BOLT.query(endpoint(m), "MATCH (p:LabProbe {id: $id}) RETURN count(p) AS n", Map.of("id", probe), false))
                            .as("on %s", m.address()).containsExactly(Map.of("n", 1L)));
        }
    }

    @Test
    @Order(6)
    void stoppingAFollowerDropsItFromTheOverviewAndStartingItBringsItBack() {
        LabMember leader = leader();
        LabMember follower = cluster.cores().stream().filter(m -> !m.equals(leader)).findFirst().orElseThrow();
        SshTarget target = cluster.sshTarget(follower);
        String neo4j = follower.neo4jHome().resolve("bin/neo4j").toString();

        Instant stopAt = Instant.now();
        ExecResult stop = SSH.exec(target, neo4j + " stop", Duration.ofSeconds(60));
        Duration stopTook = Duration.between(stopAt, Instant.now());
        assertThat(stop.exitCode()).as(stop.stdout()).isZero();
        assertThat(stop.stdout()).contains("stopped");
        assertThat(SSH.exec(target, neo4j + " status", Duration.ofSeconds(20)).exitCode()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() ->
                assertThat(BOLT.overview(endpoint(leader))).extracting(ClusterMember::host)
                        .hasSize(3).doesNotContain(follower.address()));
        Duration droppedAfter = Duration.between(stopAt, Instant.now());

        Instant startAt = Instant.now();
        ExecResult start = SSH.exec(target, neo4j + " start", Duration.ofSeconds(60));
        assertThat(start.exitCode()).as(start.stdout()).isZero();
        assertThat(start.stdout()).contains("Started neo4j (pid ");
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() ->
                assertThat(BOLT.overview(endpoint(leader))).extracting(ClusterMember::host)
                        .hasSize(4).contains(follower.address()));
        Duration joinedAfter = Duration.between(startAt, Instant.now());
        System.out.printf("[lab-measure] 3.4.5 follower stop (bin/neo4j stop) %.1f s, gone from overview after %.1f s, start-to-joined %.1f s%n",
                stopTook.toMillis() / 1000.0, droppedAfter.toMillis() / 1000.0, joinedAfter.toMillis() / 1000.0);
    }

    private LabMember leader() {
        String host = BOLT.overview(endpoint(cluster.cores().get(0))).stream()
                .filter(m -> m.role().equals("LEADER")).findFirst().orElseThrow().host();
        return cluster.members().stream().filter(m -> m.address().equals(host)).findFirst().orElseThrow();
    }

    private static BoltEndpoint endpoint(LabMember m) {
        return BoltEndpoint.unauthenticated(m.bolt());
    }
}
