package dev.upshift.neo4j;

import java.util.List;
import java.util.Map;

/**
 * The panel's only way to talk to Neo4j over Bolt. Behind an interface so the run engine and monitor can be unit
 * tested with a small fake; the acceptance tests use {@link DriverBoltGateway} against real lab clusters.
 */
public interface BoltGateway {

    /** {@code CALL dbms.cluster.overview()} on the given member. */
    List<ClusterMember> overview(BoltEndpoint endpoint);

    /** {@code CALL dbms.components()} on the given member. */
    List<Neo4jComponent> components(BoltEndpoint endpoint);

    /** A read or write query on one member (a direct connection, no routing); each record as a map. */
    List<Map<String, Object>> query(BoltEndpoint endpoint, String cypher, Map<String, Object> parameters, boolean write);
}
