package dev.upshift.monitor;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.upshift.cluster.ClusterAccess;
import dev.upshift.cluster.ClusterDetails;
import dev.upshift.cluster.ClusterService;
import dev.upshift.neo4j.BoltEndpoint;

/** The clusters of the registry, as the monitor polls them. */
@Component
class RegistryMonitoredClusters implements MonitoredClusters {

    private final ClusterService registry;
    private final ClusterAccess access;

    RegistryMonitoredClusters(ClusterService registry, ClusterAccess access) {
        this.registry = registry;
        this.access = access;
    }

    private static final Logger log = LoggerFactory.getLogger(RegistryMonitoredClusters.class);

    private final Set<Long> unreadable = ConcurrentHashMap.newKeySet();
    private volatile List<MonitoredCluster> cached = List.of();
    private volatile long cachedAt;

    /** Re-read at most once a second: the monitor ticks several times a second, the registry rarely changes. */
    @Override
    public List<MonitoredCluster> all() {
        long now = System.nanoTime();
        if (cachedAt == 0 || now - cachedAt > 1_000_000_000L) {
            cached = registry.list().stream().map(this::monitored).flatMap(Optional::stream).toList();
            cachedAt = now;
        }
        return cached;
    }

    /**
     * A cluster whose Bolt access cannot be built (its stored Neo4j password does not decrypt with this master key)
     * is left out, with one warning until it can be built again: the other clusters are still watched.
     */
    private Optional<MonitoredCluster> monitored(ClusterDetails c) {
        List<BoltEndpoint> endpoints;
        try {
            endpoints = access.boltEndpoints(c.id());
        } catch (RuntimeException e) {
            if (unreadable.add(c.id())) {
                log.warn("Not watching cluster {} ({}): its Bolt access cannot be read: {}", c.id(), c.name(), e.getMessage());
            }
            return Optional.empty();
        }
        unreadable.remove(c.id());
        return Optional.of(new MonitoredCluster(c.id(), endpoints, c.members().stream()
                .map(s -> new MonitoredCluster.ExpectedServer(s.address(), s.role().name().equals("CORE") ? "FOLLOWER" : "READ_REPLICA"))
                .toList()));
    }
}
