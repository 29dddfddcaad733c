package dev.upshift.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.BoltGateway;
import dev.upshift.neo4j.ClusterMember;
import dev.upshift.neo4j.Neo4jUnavailableException;

/**
 * Waits until a new cluster has formed: a core's {@code dbms.cluster.overview()} lists every member (by address)
 * with exactly one LEADER, and every member answers Bolt. Fails early when a member process died, with the end of
 * its {@code logs/neo4j.log}, rather than waiting out the timeout.
 */
final class FormationWatcher {

    private static final Duration LIMIT = Duration.ofSeconds(20);

    private final BoltGateway bolt;
    private final Duration timeout;

    FormationWatcher(BoltGateway bolt, Duration timeout) {
        this.bolt = bolt;
        this.timeout = timeout;
    }

    List<ClusterMember> await(LabCluster cluster) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> expected = cluster.members().stream().map(LabMember::address).collect(Collectors.toSet());
        String last = "no member answered yet";
        while (true) {
            for (LabMember m : cluster.members()) {
                boolean alive = LabClusterManager.readPid(m.pidFile()).map(LabProcesses::isAlive).orElse(false);
                if (!alive) {
                    throw new LabException("Member " + m.number() + " (" + m.address() + ", " + m.role()
                            + ") stopped while the cluster was forming. End of its neo4j.log:\n" + tail(m.neo4jHome().resolve("logs/neo4j.log")));
                }
            }
            for (LabMember core : cluster.cores()) {
                try {
                    List<ClusterMember> overview = BoundedBolt.call(core.bolt(), LIMIT, () -> bolt.overview(BoltEndpoint.unauthenticated(core.bolt())));
                    Set<String> seen = overview.stream().map(ClusterMember::host).collect(Collectors.toSet());
                    long leaders = overview.stream().filter(o -> "LEADER".equals(o.role())).count();
                    if (seen.equals(expected) && overview.size() == expected.size() && leaders == 1 && allAnswer(cluster)) {
                        return overview;
                    }
                    last = core.address() + " sees " + overview.stream().map(o -> o.host() + " " + o.role()).toList();
                    break;
                } catch (Neo4jUnavailableException e) {
                    last = e.getMessage();
                }
            }
            if (System.nanoTime() > deadline) {
                throw new LabException("The cluster did not form within " + timeout.toSeconds() + " s; last seen: " + last);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("Interrupted while waiting for the cluster to form");
            }
        }
    }

    private boolean allAnswer(LabCluster cluster) {
        for (LabMember m : cluster.members()) {
            try {
                BoundedBolt.call(m.bolt(), LIMIT, () -> bolt.components(BoltEndpoint.unauthenticated(m.bolt())));
            } catch (Neo4jUnavailableException e) {
                return false;
            }
        }
        return true;
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
