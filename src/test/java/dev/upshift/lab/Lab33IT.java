package dev.upshift.lab;

import static dev.upshift.lab.LabFixtures.BOLT;
import static dev.upshift.lab.LabFixtures.SSH;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.ClusterMember;
import dev.upshift.neo4j.Neo4jComponent;
import dev.upshift.remote.ExecResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A real 3-core Neo4j 3.3.5 lab cluster (the source of the offline store-upgrade scenario). 3.3.x only runs on Java
 * 17 with the lab's patched neo4j-codegen jar: without it the members die right after "Database is now ready",
 * when the compiled Cypher runtime first loads, so running a query here is what proves the patch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Lab33IT {

    private static final String LAB_ID = "it-335";

    private LabClusterManager lab;
    private LabCluster cluster;

    @BeforeAll
    void startCluster() {
        lab = LabFixtures.manager("127.0.0.31");
        lab.sweep();
        Instant started = Instant.now();
        cluster = lab.create(LAB_ID, new LabClusterRequest("3.3.5", 3, 0), step -> System.out.println("[lab] " + step));
        System.out.printf("[lab-measure] 3.3.5 create (incl. distribution) %d s, formation %d s%n",
                Duration.between(started, Instant.now()).toSeconds(), cluster.formationTime().toSeconds());
        LabFixtures.printRss(cluster);
    }

    @AfterAll
    void tearDown() {
        if (lab == null) {
            return;
        }
        List<LabMember> members = cluster != null ? cluster.members() : List.of();
        lab.close();
        LabFixtures.assertNothingLeft(lab, LAB_ID, members);
    }

    @Test
    void threeCoresOf335FormAClusterAndRunCypher() {
        List<ClusterMember> overview = BOLT.overview(BoltEndpoint.unauthenticated(cluster.cores().get(0).bolt()));
        assertThat(overview).extracting(ClusterMember::role).containsExactlyInAnyOrder("LEADER", "FOLLOWER", "FOLLOWER");

        for (LabMember m : cluster.members()) {
            Neo4jComponent kernel = BOLT.components(BoltEndpoint.unauthenticated(m.bolt())).get(0);
            assertThat(kernel.version()).isEqualTo("3.3.5");
            assertThat(kernel.edition()).isEqualTo("enterprise");
        }
        String leader = overview.stream().filter(o -> o.role().equals("LEADER")).findFirst().orElseThrow().boltAddress();
        List<Map<String, Object>> rows = BOLT.query(BoltEndpoint.unauthenticated(java.net.URI.create(leader)),
                "UNWIND range(1, 10) AS i CREATE (n:Probe {i: i}) RETURN sum(n.i) AS total", Map.of(), true);
        assertThat(rows).containsExactly(Map.of("total", 55L));
    }

    @Test
    void membersAreStillAliveAfterTheirFirstQueries() {
        LabMember m = cluster.members().get(2);
        ExecResult status = SSH.exec(cluster.sshTarget(m), m.neo4jHome().resolve("bin/neo4j") + " status", Duration.ofSeconds(20));
        assertThat(status.exitCode()).as(status.stdout()).isZero();
        assertThat(SSH.exec(cluster.sshTarget(m), m.neo4jHome().resolve("bin/neo4j") + " version", Duration.ofSeconds(20)).stdout())
                .isEqualTo("neo4j 3.3.5");
    }
}
