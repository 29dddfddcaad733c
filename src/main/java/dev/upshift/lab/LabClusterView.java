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

    /**
     * Whether its card should keep asking for news: while it forms, and once READY until the registry has taken it
     * (the link to the registered cluster arrives a moment after READY; a card that stopped at READY never showed it).
     */
    public boolean settling() {
        return starting() || (status == LabStatus.READY && clusterId == null);
    }
}
