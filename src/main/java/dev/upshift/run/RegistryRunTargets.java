package dev.upshift.run;

import org.springframework.stereotype.Component;

import dev.upshift.cluster.ClusterAccess;
import dev.upshift.cluster.ClusterService;
import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.remote.SshTarget;

/** {@link RunTargets} from the cluster registry. */
@Component
class RegistryRunTargets implements RunTargets {

    private final ClusterAccess access;
    private final ClusterFacts facts;
    private final ClusterService registry;

    RegistryRunTargets(ClusterAccess access, ClusterFacts facts, ClusterService registry) {
        this.access = access;
        this.facts = facts;
        this.registry = registry;
    }

    @Override
    public SshTarget ssh(Long clusterId, String address) {
        return access.sshTarget(clusterId, address);
    }

    @Override
    public BoltEndpoint bolt(Long clusterId, String address) {
        return facts.endpoint(clusterId, address);
    }

    @Override
    public void relocated(Long clusterId, String address, String neo4jHome, String confDir, String dataDir, Long runId) {
        registry.relocate(clusterId, address, neo4jHome, confDir, dataDir, runId);
    }
}
