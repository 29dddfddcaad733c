package dev.upshift.monitor;

import java.time.Instant;
import java.util.List;

/**
 * One member as the monitor last saw it.
 *
 * @param present false for a registered server that is missing from {@code dbms.cluster.overview()}
 * @param since   when it took its current role (or went missing)
 */
public record MemberState(String address, String role, String version, List<String> groups, String boltUri,
                          boolean present, Instant since) {

    public boolean isCore() {
        return "LEADER".equals(role) || "FOLLOWER".equals(role);
    }

    public boolean isLeader() {
        return "LEADER".equals(role);
    }
}
