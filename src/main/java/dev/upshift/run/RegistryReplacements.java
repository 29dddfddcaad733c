package dev.upshift.run;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.upshift.cluster.ClusterService;

/**
 * Makes the registry follow a successful rolling upgrade on replaceable resources (5.3.2.2): the replacements become
 * the members the monitor and the next run expect, and the replaced hosts become spares. Runs inside the transaction
 * that marks the run SUCCEEDED.
 */
@Component
class RegistryReplacements {

    private static final Logger log = LoggerFactory.getLogger(RegistryReplacements.class);

    private final RunServerRepository servers;
    private final ClusterService clusters;

    RegistryReplacements(RunServerRepository servers, ClusterService clusters) {
        this.servers = servers;
        this.clusters = clusters;
    }

    void applyTo(Run run) {
        Map<String, String> replaced = new LinkedHashMap<>();
        for (RunServer s : servers.findByRunIdOrderById(run.getId())) {
            if (s.isReplacement()) replaced.put(s.getReplaces(), s.getServer());
        }
        if (replaced.isEmpty()) return;
        if (clusters.find(run.getClusterId()).isEmpty()) {
            log.warn("Run {} replaced {} but its cluster {} is no longer registered", run.getId(), replaced, run.getClusterId());
            return;
        }
        clusters.applyReplacements(run.getClusterId(), replaced, run.getId());
    }
}
