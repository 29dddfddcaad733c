package dev.upshift.cluster;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.BoltGateway;
import dev.upshift.neo4j.ClusterMember;
import dev.upshift.neo4j.Neo4jComponent;
import dev.upshift.neo4j.Neo4jUnavailableException;

/**
 * "Discover": from the Bolt address of one member, ask the cluster who is in it ({@code dbms.cluster.overview()})
 * and what each member runs ({@code dbms.components()}), and propose the servers with their roles and version.
 */
@Service
public class ClusterDiscovery {

    private final BoltGateway bolt;

    ClusterDiscovery(BoltGateway bolt) {
        this.bolt = bolt;
    }

    /** @throws ClusterValidationException with a {@code boltUri} message when the address is malformed or silent */
    public Discovery discover(String boltUri, String username, String password) {
        String uriError = ClusterValidator.boltUriError(boltUri);
        if (uriError != null) {
            throw new ClusterValidationException(Map.of("boltUri", uriError));
        }
        BoltEndpoint endpoint = new BoltEndpoint(URI.create(boltUri.strip()),
                username == null || username.isBlank() ? null : username, password);
        try {
            Neo4jComponent kernel = kernel(bolt.components(endpoint));
            List<ClusterMember> members = bolt.overview(endpoint);
            List<Discovery.DiscoveredServer> servers = members.stream()
                    .sorted(Comparator.comparing((ClusterMember m) -> !m.isCore()).thenComparing(ClusterMember::host))
                    .map(m -> new Discovery.DiscoveredServer(m.host(), m.role(), ServerRole.fromOverviewRole(m.role()),
                            m.boltAddress(), versionOf(endpoint, m, kernel.version())))
                    .toList();
            return new Discovery(kernel.version(), kernel.edition(), servers);
        } catch (Neo4jUnavailableException e) {
            throw new ClusterValidationException(Map.of("boltUri", e.getMessage()));
        }
    }

    /** Each member is asked for its own version: during an upgrade they differ, and that is what a DBA must see. */
    private String versionOf(BoltEndpoint seed, ClusterMember member, String fallback) {
        if (member.boltAddress() == null) {
            return fallback;
        }
        try {
            return kernel(bolt.components(seed.at(URI.create(member.boltAddress())))).version();
        } catch (Neo4jUnavailableException e) {
            return fallback;
        }
    }

    private static Neo4jComponent kernel(List<Neo4jComponent> components) {
        return components.stream().filter(c -> "Neo4j Kernel".equals(c.name())).findFirst()
                .orElse(components.isEmpty() ? new Neo4jComponent("unknown", List.of(), "unknown") : components.get(0));
    }
}
