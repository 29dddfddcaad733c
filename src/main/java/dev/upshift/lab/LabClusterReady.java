package dev.upshift.lab;

import java.net.URI;
import java.util.List;

/**
 * Published when a lab cluster has formed: everything the cluster registry needs to register it as a normal
 * cluster (SSH credentials, pinned host keys, Bolt addresses, NEO4J_HOME per host). Bolt needs no credentials (the
 * lab turns auth off). {@link #toString()} hides the private key.
 *
 * @param sshUser       the login every lab host accepts
 * @param privateKeyPem the lab's client key (OpenSSH format), authorised on every lab host
 */
public record LabClusterReady(String labId, String version, String sshUser, String privateKeyPem, List<Member> members) {

    /**
     * @param role  CORE or READ_REPLICA as configured ({@code dbms.mode}); the live role comes from the overview
     * @param spare a host with no member running: the role is the one it takes when it replaces a member
     */
    public record Member(String address, String role, URI bolt, int sshPort, String hostKeyFingerprint, String neo4jHome,
                         boolean spare) {
    }

    public LabClusterReady {
        members = List.copyOf(members);
    }

    static LabClusterReady of(LabCluster cluster) {
        return new LabClusterReady(cluster.id(), cluster.version(), cluster.sshUser(), cluster.privateKeyPem(),
                cluster.hosts().stream().map(m -> new Member(m.address(), m.role().name(), m.bolt(), m.sshPort(),
                        m.hostKeyFingerprint(), m.neo4jHome().toString(), cluster.spares().contains(m))).toList());
    }

    @Override
    public String toString() {
        return "LabClusterReady[" + labId + ", Neo4j " + version + ", " + members.size() + " members, sshUser=" + sshUser + ", key=***]";
    }
}
