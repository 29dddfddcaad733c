package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.upshift.lab.LabCluster;
import dev.upshift.lab.LabMember;
import dev.upshift.lab.dist.DistributionBuilder;
import dev.upshift.lab.dist.Neo4jArtifactResolver;
import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.BoltGateway;
import dev.upshift.neo4j.ClusterMember;
import dev.upshift.neo4j.Neo4jComponent;
import dev.upshift.remote.ExecResult;
import dev.upshift.remote.SshGateway;

/**
 * What {@link OfflineUpgradeIT} does on its 3.3.5 practice cluster besides the runs: puts the 3.4.6 tarball where the
 * plan expects it, proves the lab runs 3.3.5 on Java 17, and forces a checkpoint on the seed as an operator would.
 */
final class OfflineLab {

    private OfflineLab() {
    }

    /** The 3.4.6 tarball, built (or found) under the lab root's {@code dist}. */
    static Path tarball346(Path labRoot) {
        return new DistributionBuilder(labRoot.resolve("dist"),
                new Neo4jArtifactResolver(Path.of(System.getProperty("user.home"), ".m2", "repository"),
                        "https://repo.maven.apache.org/maven2/"), Duration.ofSeconds(20))
                .tarball("3.4.6", line -> System.out.println("[dist] " + line));
    }

    /** Copies the tarball to where the plan expects the new version's tarball: beside each member's NEO4J_HOME. */
    static void besideEachHome(LabCluster cluster, Path tarball346) {
        for (LabMember m : cluster.members()) {
            copy(tarball346, m.neo4jHome().getParent().resolve("neo4j-enterprise-3.4.6-unix.tar.gz"));
        }
    }

    /**
     * The lab runs 3.3.5 on Java 17: one leader, every member 3.3.5 Enterprise answering Cypher, still alive after its
     * first queries (the two Java 17 repairs of {@code lab/dist}). Prints the cluster's formation time.
     */
    static void runs335OnJava17(BoltGateway bolt, SshGateway ssh, LabCluster cluster, BoltEndpoint leader) {
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
     * Measured: the lab's 3.3.5 members do not finish their shutdown on SIGTERM (Jetty's connector stop is interrupted,
     * then nothing) and are killed after the lab's shutdown timeout (OFF_STOP_ALL takes ~20 s per member, also on
     * main). A killed store with transactions after its last checkpoint needs recovery, and 3.4.6 refuses to upgrade
     * it ("The database is not cleanly shutdown ... run the old version"). In the plain upgrade the pre-upgrade backup
     * is the seed's last checkpoint and nothing is written after it; here the nodes written after the backup must
     * reach a checkpoint too. 3.3 has no checkpoint procedure, so, as an operator would, a throwaway online backup
     * from the seed forces one (written under the lab root, not where the run keeps its backups).
     */
    static void checkpointOnTheSeed(SshGateway ssh, LabCluster cluster, Path labRoot, String seed) {
        LabMember m = cluster.members().stream().filter(x -> x.address().equals(seed)).findFirst().orElseThrow();
        Path dir = labRoot.resolve("checkpoint-" + System.nanoTime());
        ExecResult r = ssh.exec(cluster.sshTarget(m), "mkdir -p " + dir + " && " + m.neo4jHome().resolve("bin/neo4j-admin")
                + " backup --from=" + seed
                + ":6362 --backup-dir=" + dir + " --name=graph.db --check-consistency=false", Duration.ofMinutes(2));
        assertThat(r.exitCode()).as("throwaway backup on " + seed + ": " + r.stdout()).isZero();
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
