package dev.upshift.lab;

import java.time.Instant;
import java.util.List;

/**
 * What the API and page show of a lab cluster.
 *
 * @param clusterId the cluster registry's id once it registered the lab cluster, else null
 * @param message   the last progress step, or why it failed
 * @param progress  every step so far, oldest first
 */
public record LabClusterView(String id, LabStatus status, String version, int cores, int readReplicas, String clusterId,
                             List<MemberView> members, String message, List<Step> progress, Instant createdAt,
                             Long formationSeconds) {

    /** @param role LEADER, FOLLOWER or READ_REPLICA from the live overview; the configured mode while unknown */
    public record MemberView(String address, String role, String bolt, int sshPort) {
    }

    public record Step(Instant at, String text) {
    }

    public boolean starting() {
        return status == LabStatus.STARTING;
    }
}
