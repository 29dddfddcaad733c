package dev.upshift.cluster;

import java.time.Instant;
import java.util.List;

/**
 * Read model of a registered cluster, safe to render or serialize: it carries no secret, only whether one is stored.
 * {@code requiresApproval}: a run starts only after another user approved its plan; {@code webhookUrl}: where run
 * events are POSTed, or null.
 */
public record ClusterDetails(Long id, String name, String boltUri, Neo4jAuth auth, String neo4jUsername,
                             ClusterOrigin origin, String labId, Instant createdAt, Instant updatedAt,
                             List<ServerDetails> servers, boolean requiresApproval, String webhookUrl) {

    public ClusterDetails(Long id, String name, String boltUri, Neo4jAuth auth, String neo4jUsername,
                          ClusterOrigin origin, String labId, Instant createdAt, Instant updatedAt,
                          List<ServerDetails> servers) {
        this(id, name, boltUri, auth, neo4jUsername, origin, labId, createdAt, updatedAt, servers, false, null);
    }

    public record ServerDetails(Long id, String address, ServerRole role, int sshPort, String sshUser,
                                boolean hasPrivateKey, boolean hasPassword, boolean useSudo, String hostKeyFingerprint,
                                String installType, String neo4jHome, String confDir, String dataDir, boolean spare) {
    }

    static ClusterDetails of(Cluster c) {
        return new ClusterDetails(c.getId(), c.getName(), c.getBoltUri(), c.getNeo4jAuth(), c.getNeo4jUsername(),
                c.getOrigin(), c.getLabId(), c.getCreatedAt(), c.getUpdatedAt(),
                c.getServers().stream().map(s -> new ServerDetails(s.getId(), s.getAddress(), s.getExpectedRole(),
                        s.getSshPort(), s.getSshUser(), s.hasStoredKey(), s.hasStoredPassword(), s.isUseSudo(),
                        s.getHostKeyFingerprint(), s.getInstallType().apiName(), s.getNeo4jHome(), s.getConfDir(),
                        s.getDataDir(), s.isSpare())).toList(), c.isRequiresApproval(), c.getWebhookUrl());
    }

    /** The servers expected in the membership: every registered server but the spares. */
    public List<ServerDetails> members() {
        return servers.stream().filter(s -> !s.spare()).toList();
    }

    /** Servers registered to replace members in a rolling upgrade on replaceable resources (5.3.2.2). */
    public List<ServerDetails> spares() {
        return servers.stream().filter(ServerDetails::spare).toList();
    }

    public long coreCount() {
        return members().stream().filter(s -> s.role() == ServerRole.CORE).count();
    }

    public long readReplicaCount() {
        return members().stream().filter(s -> s.role() == ServerRole.READ_REPLICA).count();
    }
}
