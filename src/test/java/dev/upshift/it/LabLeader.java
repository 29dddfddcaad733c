package dev.upshift.it;

import java.net.URI;

import dev.upshift.lab.LabCluster;
import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.BoltGateway;
import dev.upshift.neo4j.ClusterMember;

/** Where to write test data on a practice cluster: its leader, as the cluster itself names it now. */
public final class LabLeader {

    private LabLeader() {
    }

    public static BoltEndpoint of(BoltGateway bolt, LabCluster cluster) {
        BoltEndpoint any = BoltEndpoint.unauthenticated(cluster.cores().get(0).bolt());
        ClusterMember leader = bolt.overview(any).stream().filter(m -> m.role().equals("LEADER")).findFirst().orElseThrow();
        return BoltEndpoint.unauthenticated(URI.create(leader.boltAddress()));
    }
}
