package dev.upshift.cluster;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.upshift.audit.AuditLog;
import dev.upshift.security.SecretCipher;

/**
 * The cluster registry. A change is validated in full (fields, then the network: Bolt answers, host keys match)
 * before anything is written; the write and its audit event commit together.
 */
@Service
public class ClusterService {

    private final ClusterRepository clusters;
    private final ClusterProbe probe;
    private final SecretCipher cipher;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    ClusterService(ClusterRepository clusters, ClusterProbe probe, SecretCipher cipher, AuditLog audit,
                   TransactionTemplate tx, Clock clock) {
        this.clusters = clusters;
        this.probe = probe;
        this.cipher = cipher;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    public List<ClusterDetails> list() {
        return tx.execute(s -> clusters.findAllByOrderByNameAsc().stream().map(ClusterDetails::of).toList());
    }

    public ClusterDetails get(Long id) {
        return tx.execute(s -> ClusterDetails.of(load(id)));
    }

    /** The cluster, or empty when it is not (or no longer) registered, e.g. for a run that outlived it. */
    public Optional<ClusterDetails> find(Long id) {
        return tx.execute(s -> clusters.findWithServersById(id).map(ClusterDetails::of));
    }

    @PreAuthorize("hasRole('ADMIN')")
    public ClusterDetails create(ClusterCommand cmd) {
        return save(null, cmd, ClusterOrigin.MANUAL, null);
    }

    @PreAuthorize("hasRole('ADMIN')")
    public ClusterDetails update(Long id, ClusterCommand cmd) {
        return save(id, cmd, null, null);
    }

    /** Registers a practice cluster of the rehearsal lab (called by the lab's event, not by a person). */
    public ClusterDetails registerLabCluster(String labId, ClusterCommand cmd) {
        return save(null, cmd, ClusterOrigin.LAB, labId);
    }

    @PreAuthorize("hasRole('ADMIN')")
    public void delete(Long id) {
        tx.executeWithoutResult(s -> {
            Cluster cluster = load(id);
            clusters.delete(cluster);
            audit.record("cluster.deleted", "cluster", String.valueOf(id), Map.of("name", cluster.getName()));
        });
    }

    /** Removes the registration of a practice cluster that the lab tore down. */
    public void unregisterLabCluster(String labId) {
        tx.executeWithoutResult(s -> clusters.findByLabId(labId).ifPresent(cluster -> {
            clusters.delete(cluster);
            audit.record("cluster.deleted", "cluster", String.valueOf(cluster.getId()),
                    Map.of("name", cluster.getName(), "reason", "lab cluster torn down", "labId", labId));
        }));
    }

    /**
     * After a rolling upgrade on replaceable resources (5.3.2.2) succeeded: each replacement is now the member, and the
     * member it replaced (shut down by the run) becomes a spare the next upgrade can reuse. Called by the run engine
     * inside the transaction that marks the run SUCCEEDED, so the registry never disagrees with the run.
     *
     * @param replaced per replaced member's address, its replacement's address
     */
    public void applyReplacements(Long clusterId, Map<String, String> replaced, Long runId) {
        tx.executeWithoutResult(s -> {
            Cluster cluster = load(clusterId);
            replaced.forEach((old, neu) -> {
                server(cluster, old).markSpare(true);
                server(cluster, neu).markSpare(false);
            });
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("run", runId);
            details.put("replaced", new java.util.TreeMap<>(replaced));
            audit.record("cluster.members.replaced", "cluster", String.valueOf(clusterId), details);
        });
    }

    private static ClusterServer server(Cluster cluster, String address) {
        return cluster.getServers().stream().filter(x -> x.getAddress().equalsIgnoreCase(address)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No server " + address + " in " + cluster.getName()));
    }

    /**
     * A run upgraded this server into a new installation: the registry follows it, so the next plan stops, backs up
     * and copies from where Neo4j runs now, not from the old directory. Audited with the run; a cluster or server no
     * longer registered is left alone (a run may outlive its cluster).
     */
    public void relocate(Long clusterId, String address, String neo4jHome, String confDir, String dataDir, Long runId) {
        tx.executeWithoutResult(s -> clusters.findWithServersById(clusterId).ifPresent(cluster -> cluster.getServers().stream()
                .filter(server -> server.getAddress().equalsIgnoreCase(address))
                .filter(server -> !neo4jHome.equals(server.getNeo4jHome()))
                .findFirst().ifPresent(server -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("address", server.getAddress());
                    details.put("from", server.getNeo4jHome());
                    details.put("to", neo4jHome);
                    details.put("run", runId);
                    server.relocate(neo4jHome, confDir, dataDir);
                    audit.record("cluster.server-relocated", "cluster", String.valueOf(clusterId), details);
                })));
    }

    private ClusterDetails save(Long id, ClusterCommand cmd, ClusterOrigin origin, String labId) {
        Cluster stored = id == null ? null : tx.execute(s -> load(id));
        String name = cmd.name() == null ? "" : cmd.name().strip();
        boolean taken = id == null ? clusters.existsByNameIgnoreCase(name) : clusters.existsByNameIgnoreCaseAndIdNot(name, id);
        Map<String, String> errors = ClusterValidator.validate(cmd, stored, taken);
        if (!errors.isEmpty()) {
            throw new ClusterValidationException(errors);
        }
        String storedPassword = stored == null ? null : cipher.decrypt(stored.getNeo4jPasswordEnc());
        errors = probe.check(cmd, storedPassword);
        if (!errors.isEmpty()) {
            throw new ClusterValidationException(errors);
        }
        return tx.execute(s -> {
            Instant now = clock.instant();
            Cluster cluster = id == null ? new Cluster(name, origin, labId, now) : load(id);
            String passwordEnc = ClusterValidator.blank(cmd.neo4jPassword())
                    ? (stored == null ? null : stored.getNeo4jPasswordEnc())
                    : cipher.encrypt(cmd.neo4jPassword());
            cluster.describe(name, cmd.boltUri().strip(), cmd.auth(), blankToNull(cmd.neo4jUsername()), passwordEnc, now);
            cluster.replaceServers(servers(cluster, cmd.servers()));
            cluster.settings(cmd.requiresApproval() == null ? cluster.isRequiresApproval() : cmd.requiresApproval(),
                    cmd.webhookUrl() == null ? cluster.getWebhookUrl() : blankToNull(cmd.webhookUrl()));
            Cluster saved = clusters.saveAndFlush(cluster);
            audit.record(id == null ? "cluster.created" : "cluster.updated", "cluster", String.valueOf(saved.getId()),
                    summary(saved));
            return ClusterDetails.of(saved);
        });
    }

    private List<ClusterServer> servers(Cluster cluster, List<ServerCommand> commands) {
        List<ClusterServer> next = new ArrayList<>();
        for (ServerCommand c : commands) {
            String address = c.address().strip();
            ClusterServer server = cluster.getServers().stream()
                    .filter(s -> s.getAddress().equalsIgnoreCase(address)).findFirst()
                    .orElseGet(() -> new ClusterServer(address));
            server.describe(c.role(), c.sshPort(), c.sshUser().strip(), c.useSudo(), c.hostKeyFingerprint().strip(),
                    c.installType(), c.neo4jHome().strip(), c.confDir().strip(), c.dataDir().strip(), c.spare());
            server.secrets(c.hasPrivateKey() ? cipher.encrypt(c.privateKey().strip() + "\n") : null,
                    c.hasPassword() ? cipher.encrypt(c.password()) : null);
            next.add(server);
        }
        return next;
    }

    /** The audit record of a cluster: facts a lead needs, never a secret. */
    private static Map<String, Object> summary(Cluster c) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", c.getName());
        details.put("boltUri", c.getBoltUri());
        details.put("auth", c.getNeo4jAuth().name());
        details.put("origin", c.getOrigin().name());
        details.put("servers", c.getServers().stream().map(s -> Map.of(
                "address", s.getAddress(), "role", s.getExpectedRole().name(),
                "hostKey", s.getHostKeyFingerprint(), "install", s.getInstallType().apiName(),
                "spare", s.isSpare())).toList());
        details.put("requiresApproval", c.isRequiresApproval());
        details.put("webhook", c.getWebhookUrl() == null ? "none" : ClusterValidator.webhookHost(c.getWebhookUrl()));
        return details;
    }

    Cluster load(Long id) {
        return clusters.findWithServersById(id).orElseThrow(() -> new ClusterNotFoundException(id));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
