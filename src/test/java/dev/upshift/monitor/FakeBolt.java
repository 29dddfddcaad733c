package dev.upshift.monitor;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.BoltGateway;
import dev.upshift.neo4j.ClusterMember;
import dev.upshift.neo4j.Neo4jComponent;
import dev.upshift.neo4j.Neo4jUnavailableException;

/** A small in-memory cluster behind the Bolt gateway interface, for unit tests of the monitor. */
class FakeBolt implements BoltGateway {

    final Map<String, String> roles = new ConcurrentHashMap<>();   // host -> role
    final Map<String, String> versions = new ConcurrentHashMap<>(); // host -> version
    final Set<String> down = new HashSet<>();
    final Set<String> listedWithoutBolt = new HashSet<>();        // in the overview, but its Bolt does not answer yet
    final Map<String, String> ids = new ConcurrentHashMap<>();    // host -> member id, when not "id-<host>"
    final List<String> calls = new ArrayList<>();

    FakeBolt member(String host, String role, String version) {
        roles.put(host, role);
        versions.put(host, version);
        return this;
    }

    static BoltEndpoint endpoint(String host) {
        return BoltEndpoint.unauthenticated(URI.create("bolt://" + host + ":7687"));
    }

    private String reachable(BoltEndpoint endpoint) {
        String host = endpoint.uri().getHost();
        if (down.contains(host) || !roles.containsKey(host)) {
            throw new Neo4jUnavailableException("Neo4j at " + endpoint.uri() + " is unreachable", null);
        }
        return host;
    }

    @Override
    public synchronized List<ClusterMember> overview(BoltEndpoint endpoint) {
        String host = reachable(endpoint);
        calls.add("overview@" + host);
        return roles.entrySet().stream().filter(e -> !down.contains(e.getKey())).sorted(Map.Entry.comparingByKey())
                .map(e -> new ClusterMember(ids.getOrDefault(e.getKey(), "id-" + e.getKey()), List.of("bolt://" + e.getKey() + ":7687"), e.getValue(), List.of(), "default"))
                .toList();
    }

    @Override
    public synchronized List<Neo4jComponent> components(BoltEndpoint endpoint) {
        String host = reachable(endpoint);
        calls.add("components@" + host);
        if (listedWithoutBolt.contains(host)) throw new Neo4jUnavailableException(host + " does not answer on Bolt yet", null);
        return List.of(new Neo4jComponent("Neo4j Kernel", List.of(versions.get(host)), "enterprise"));
    }

    @Override
    public List<Map<String, Object>> query(BoltEndpoint endpoint, String cypher, Map<String, Object> parameters, boolean write) {
        throw new UnsupportedOperationException();
    }
}
