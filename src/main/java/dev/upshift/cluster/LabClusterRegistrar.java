package dev.upshift.cluster;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.upshift.lab.LabClusterReady;
import dev.upshift.lab.LabClusterRegistered;
import dev.upshift.lab.LabClusterRemoved;

/**
 * Registers a practice cluster of the rehearsal lab as a normal cluster, with its SSH credentials and pinned host
 * keys, through the same validation as any cluster (Bolt must answer, every host must present its key). From then
 * on the panel reaches it only over SSH and Bolt, exactly like production.
 */
@Component
class LabClusterRegistrar {

    private static final Logger log = LoggerFactory.getLogger(LabClusterRegistrar.class);

    private final ClusterService clusters;
    private final ApplicationEventPublisher events;

    LabClusterRegistrar(ClusterService clusters, ApplicationEventPublisher events) {
        this.clusters = clusters;
        this.events = events;
    }

    @EventListener
    void onReady(LabClusterReady ready) {
        String bolt = ready.members().stream().filter(m -> !m.spare() && "CORE".equals(m.role())).findFirst()
                .orElse(ready.members().get(0)).bolt().toString();
        List<ServerCommand> servers = ready.members().stream().map(m -> new ServerCommand(m.address(),
                "READ_REPLICA".equals(m.role()) ? ServerRole.READ_REPLICA : ServerRole.CORE, m.sshPort(), ready.sshUser(),
                ready.privateKeyPem(), null, false, m.hostKeyFingerprint(), InstallType.TARBALL, m.neo4jHome(),
                m.neo4jHome() + "/conf", m.neo4jHome() + "/data", m.spare())).toList();
        ClusterCommand command = new ClusterCommand(nameOf(ready.labId(), ready.version()), bolt, Neo4jAuth.NONE, null, null, servers);
        try {
            ClusterDetails registered = clusters.registerLabCluster(ready.labId(), command);
            events.publishEvent(new LabClusterRegistered(ready.labId(), String.valueOf(registered.id())));
        } catch (ClusterValidationException e) {
            log.warn("Lab cluster {} could not be registered: {}", ready.labId(), e.fieldErrors());
        }
    }

    @EventListener
    void onRemoved(LabClusterRemoved removed) {
        clusters.unregisterLabCluster(removed.labId());
    }

    static String nameOf(String labId, String version) {
        return "practice-" + version + " (" + labId + ")";
    }
}
