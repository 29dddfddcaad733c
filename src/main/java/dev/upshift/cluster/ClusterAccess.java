package dev.upshift.cluster;

import java.net.URI;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.remote.SshTarget;
import dev.upshift.security.SecretCipher;

/**
 * How the panel's own services (monitor, run engine, pre-flight) reach a registered cluster: endpoints with the
 * secrets decrypted in memory, never handed to the web layer.
 */
@Service
public class ClusterAccess {

    private final ClusterRepository clusters;
    private final SecretCipher cipher;
    private final TransactionTemplate tx;

    ClusterAccess(ClusterRepository clusters, SecretCipher cipher, TransactionTemplate tx) {
        this.clusters = clusters;
        this.cipher = cipher;
        this.tx = tx;
    }

    /** The registered Bolt address plus every member's Bolt address, to fall back on when one member is away. */
    public List<BoltEndpoint> boltEndpoints(Long clusterId) {
        return tx.execute(s -> {
            Cluster c = clusters.findWithServersById(clusterId).orElseThrow(() -> new ClusterNotFoundException(clusterId));
            BoltEndpoint first = endpoint(c, URI.create(c.getBoltUri()));
            int port = first.uri().getPort();
            List<BoltEndpoint> all = new java.util.ArrayList<>();
            all.add(first);
            c.getServers().stream()
                    .filter(server -> !server.isSpare())   // no Neo4j there until it replaces a member
                    .map(server -> first.at(URI.create("bolt://" + server.getAddress() + ":" + port)))
                    .filter(e -> !e.uri().equals(first.uri()))
                    .forEach(all::add);
            return all;
        });
    }

    public SshTarget sshTarget(Long clusterId, String address) {
        return tx.execute(s -> {
            Cluster c = clusters.findWithServersById(clusterId).orElseThrow(() -> new ClusterNotFoundException(clusterId));
            ClusterServer server = c.getServers().stream().filter(x -> x.getAddress().equalsIgnoreCase(address))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("No server " + address + " in " + c.getName()));
            return new SshTarget(server.getAddress(), server.getSshPort(), server.getSshUser(),
                    cipher.decrypt(server.getSshPrivateKeyEnc()), cipher.decrypt(server.getSshPasswordEnc()),
                    server.getHostKeyFingerprint(), server.isUseSudo());
        });
    }

    private BoltEndpoint endpoint(Cluster c, URI uri) {
        return c.getNeo4jAuth() == Neo4jAuth.BASIC
                ? new BoltEndpoint(uri, c.getNeo4jUsername(), cipher.decrypt(c.getNeo4jPasswordEnc()))
                : BoltEndpoint.unauthenticated(uri);
    }
}
