package dev.upshift.run;

import org.springframework.stereotype.Component;

import dev.upshift.cluster.ClusterAccess;
import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.remote.SshTarget;

/** {@link RunTargets} from the cluster registry. */
@Component
class RegistryRunTargets implements RunTargets {

    private final ClusterAccess access;
    private final ClusterFacts facts;

    RegistryRunTargets(ClusterAccess access, ClusterFacts facts) {
        this.access = access;
        this.facts = facts;
    }

    @Override
    public SshTarget ssh(Long clusterId, String address) {
        return access.sshTarget(clusterId, address);
    }

    @Override
    public BoltEndpoint bolt(Long clusterId, String address) {
        return facts.endpoint(clusterId, address);
    }
}
