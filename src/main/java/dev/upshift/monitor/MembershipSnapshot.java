package dev.upshift.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The current membership of one cluster: what the run engine's health gates and the browser both read.
 *
 * @param reachable false when no member answered; {@code members} then keeps the last known state, greyed
 * @param via       the member whose overview this is
 * @param problem   why the cluster is unreachable, for a person
 */
public record MembershipSnapshot(Long clusterId, Instant polledAt, boolean reachable, String via, String problem,
                                 List<MemberState> members) {

    public static MembershipSnapshot unknown(Long clusterId) {
        return new MembershipSnapshot(clusterId, null, false, null, "Not polled yet", List.of());
    }

    public boolean isKnown() {
        return polledAt != null;
    }

    public List<MemberState> present() {
        return members.stream().filter(MemberState::present).toList();
    }

    public Optional<MemberState> leader() {
        return members.stream().filter(m -> m.present() && m.isLeader()).findFirst();
    }

    public long presentCores() {
        return members.stream().filter(m -> m.present() && m.isCore()).count();
    }

    public long leaderCount() {
        return members.stream().filter(m -> m.present() && m.isLeader()).count();
    }

    public Optional<MemberState> member(String address) {
        return members.stream().filter(m -> m.address().equalsIgnoreCase(address)).findFirst();
    }
}
