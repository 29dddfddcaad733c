package dev.upshift.run;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.upshift.cluster.ClusterAccess;
import dev.upshift.cluster.ClusterDetails;
import dev.upshift.monitor.MemberState;
import dev.upshift.monitor.MembershipSnapshot;
import dev.upshift.monitor.MembershipView;
import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.BoltGateway;
import dev.upshift.neo4j.Neo4jComponent;
import dev.upshift.neo4j.Neo4jUnavailableException;
import dev.upshift.procedure.ServerRole;

/**
 * What the cluster says about itself right now, for planning: each registered server's version and role. The
 * monitor's view answers first; a member it has no version for is asked directly over Bolt ({@code dbms.components()}).
 */
@Component
class ClusterFacts {

    /** One server: version null when it could not be read (then {@code problem} says why). */
    record ServerFact(String address, String version, ServerRole role, boolean present, String problem) {
    }

    private final MembershipView membership;
    private final ClusterAccess access;
    private final BoltGateway bolt;

    ClusterFacts(MembershipView membership, ClusterAccess access, BoltGateway bolt) {
        this.membership = membership;
        this.access = access;
        this.bolt = bolt;
    }

    Map<String, ServerFact> read(ClusterDetails cluster) {
        MembershipSnapshot snapshot = membership.current(cluster.id());
        Map<String, ServerFact> facts = new LinkedHashMap<>();
        for (ClusterDetails.ServerDetails server : cluster.members()) {
            Optional<MemberState> seen = snapshot.reachable() ? snapshot.member(server.address()) : Optional.empty();
            ServerRole role = seen.filter(MemberState::present).map(m -> roleOf(m.role()))
                    .orElse(server.role() == dev.upshift.cluster.ServerRole.READ_REPLICA ? ServerRole.READ_REPLICA : ServerRole.FOLLOWER);
            boolean present = seen.map(MemberState::present).orElse(false);
            String version = seen.filter(MemberState::present).map(MemberState::version).orElse(null);
            String problem = null;
            if (version == null) {
                try {
                    version = bolt.components(endpoint(cluster.id(), server.address())).stream()
                            .filter(c -> "Neo4j Kernel".equals(c.name())).map(Neo4jComponent::version)
                            .findFirst().orElse(null);
                    if (version == null) problem = "dbms.components() on " + server.address() + " reports no Neo4j Kernel version";
                } catch (Neo4jUnavailableException e) {
                    problem = e.getMessage();
                }
            }
            facts.put(server.address(), new ServerFact(server.address(), version, role, present, problem));
        }
        return facts;
    }

    /** This server's Bolt endpoint (the registry's credentials, the server's own address). */
    BoltEndpoint endpoint(Long clusterId, String address) {
        List<BoltEndpoint> all = access.boltEndpoints(clusterId);
        return all.stream().filter(e -> address.equalsIgnoreCase(e.uri().getHost())).findFirst()
                .orElseGet(() -> all.get(0).at(URI.create("bolt://" + address + ":" + port(all.get(0)))));
    }

    private static int port(BoltEndpoint e) {
        return e.uri().getPort() > 0 ? e.uri().getPort() : 7687;
    }

    static ServerRole roleOf(String overviewRole) {
        return switch (overviewRole == null ? "" : overviewRole) {
            case "LEADER" -> ServerRole.LEADER;
            case "READ_REPLICA" -> ServerRole.READ_REPLICA;
            default -> ServerRole.FOLLOWER;
        };
    }
}
