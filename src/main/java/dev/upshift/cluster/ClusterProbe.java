package dev.upshift.cluster;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.BoltGateway;
import dev.upshift.neo4j.Neo4jUnavailableException;
import dev.upshift.remote.SshGateway;
import dev.upshift.remote.SshKeys;

/**
 * The network half of validation: the Bolt address answers, and each server presents the host key the person
 * confirmed. Runs before anything is stored, outside any transaction.
 */
@Component
class ClusterProbe {

    private final BoltGateway bolt;
    private final SshGateway ssh;

    ClusterProbe(BoltGateway bolt, SshGateway ssh) {
        this.bolt = bolt;
        this.ssh = ssh;
    }

    Map<String, String> check(ClusterCommand cmd, String storedPassword) {
        Map<String, String> errors = new LinkedHashMap<>();
        String password = ClusterValidator.blank(cmd.neo4jPassword()) ? storedPassword : cmd.neo4jPassword();
        BoltEndpoint endpoint = cmd.auth() == Neo4jAuth.BASIC
                ? new BoltEndpoint(URI.create(cmd.boltUri().strip()), cmd.neo4jUsername(), password)
                : BoltEndpoint.unauthenticated(URI.create(cmd.boltUri().strip()));
        try {
            bolt.components(endpoint);
        } catch (Neo4jUnavailableException e) {
            errors.put("boltUri", e.getMessage());
        }
        List<ServerCommand> servers = cmd.servers();
        for (int i = 0; i < servers.size(); i++) {
            ServerCommand s = servers.get(i);
            String field = "servers[" + i + "].hostKeyFingerprint";
            try {
                String presented = ssh.fetchHostKeyFingerprint(s.address().strip(), s.sshPort());
                if (!SshKeys.sameFingerprint(presented, s.hostKeyFingerprint())) {
                    errors.put(field, "Host key mismatch: " + s.address() + " presents " + presented
                            + ", not the confirmed " + s.hostKeyFingerprint().strip()
                            + ". If the server was reinstalled, fetch and confirm its new key; otherwise do not connect.");
                }
            } catch (RuntimeException e) {
                errors.put(field, "Could not reach SSH at " + s.address() + ":" + s.sshPort() + ": " + e.getMessage());
            }
        }
        return errors;
    }
}
