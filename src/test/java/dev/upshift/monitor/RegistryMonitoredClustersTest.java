package dev.upshift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.upshift.cluster.ClusterAccess;
import dev.upshift.cluster.ClusterDetails;
import dev.upshift.cluster.ClusterOrigin;
import dev.upshift.cluster.ClusterService;
import dev.upshift.cluster.Neo4jAuth;
import dev.upshift.cluster.ServerRole;
import dev.upshift.neo4j.BoltEndpoint;

class RegistryMonitoredClustersTest {

    @Test
    void aClusterWhoseSecretsCannotBeReadDoesNotStopTheOthersBeingWatched() {
        ClusterService registry = mock(ClusterService.class);
        ClusterAccess access = mock(ClusterAccess.class);
        when(registry.list()).thenReturn(List.of(cluster(1L, "10.0.0.1"), cluster(2L, "10.0.0.2")));
        BoltEndpoint bolt = BoltEndpoint.unauthenticated(URI.create("bolt://10.0.0.2:7687"));
        when(access.boltEndpoints(1L)).thenThrow(new IllegalStateException("Cannot decrypt a stored secret: wrong master key?"));
        when(access.boltEndpoints(2L)).thenReturn(List.of(bolt));

        List<MonitoredCluster> watched = new RegistryMonitoredClusters(registry, access).all();

        assertThat(watched).extracting(MonitoredCluster::id).containsExactly(2L);
        assertThat(watched.get(0).endpoints()).containsExactly(bolt);
        assertThat(watched.get(0).expected()).containsExactly(new MonitoredCluster.ExpectedServer("10.0.0.2", "FOLLOWER"));
    }

    private static ClusterDetails cluster(Long id, String address) {
        return new ClusterDetails(id, "c" + id, "bolt://" + address + ":7687", Neo4jAuth.BASIC, "neo4j", ClusterOrigin.MANUAL,
                null, Instant.EPOCH, Instant.EPOCH, List.of(new ClusterDetails.ServerDetails(id, address, ServerRole.CORE, 22, "neo4j",
                true, false, false, "SHA256:x", "TARBALL", "/opt/neo4j", "/opt/neo4j/conf", "/opt/neo4j/data", false)));
    }
}
