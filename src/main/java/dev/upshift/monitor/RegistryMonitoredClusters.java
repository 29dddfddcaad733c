package dev.upshift.monitor;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.upshift.cluster.ClusterAccess;
import dev.upshift.cluster.ClusterDetails;
import dev.upshift.cluster.ClusterService;

/** The clusters of the registry, as the monitor polls them. */
@Component
class RegistryMonitoredClusters implements MonitoredClusters {

    private final ClusterService registry;
    private final ClusterAccess access;

    RegistryMonitoredClusters(ClusterService registry, ClusterAccess access) {
        this.registry = registry;
        this.access = access;
    }

    private volatile List<MonitoredCluster> cached = List.of();
    private volatile long cachedAt;

    /** Re-read at most once a second: the monitor ticks several times a second, the registry rarely changes. */
    @Override
    public List<MonitoredCluster> all() {
        long now = System.nanoTime();
        if (cachedAt == 0 || now - cachedAt > 1_000_000_000L) {
            cached = registry.list().stream().map(this::monitored).toList();
            cachedAt = now;
        }
        return cached;
    }

    private MonitoredCluster monitored(ClusterDetails c) {
        return new MonitoredCluster(c.id(), access.boltEndpoints(c.id()), c.members().stream()
                .map(s -> new MonitoredCluster.ExpectedServer(s.address(), s.role().name().equals("CORE") ? "FOLLOWER" : "READ_REPLICA"))
                .toList());
    }
}
