package dev.upshift.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What changed between two snapshots of one cluster, as change-log entries. Pure: no I/O. */
final class MembershipDiff {

    private MembershipDiff() {
    }

    static List<MembershipChange> between(MembershipSnapshot before, MembershipSnapshot after, Instant now) {
        List<MembershipChange> changes = new ArrayList<>();
        Long id = after.clusterId();
        if (before.isKnown() && before.reachable() && !after.reachable()) {
            changes.add(new MembershipChange(id, now, MembershipChangeKind.CLUSTER_UNREACHABLE, null, null, null, after.problem()));
            return changes;
        }
        if (!after.reachable()) {
            if (!before.isKnown()) {
                changes.add(new MembershipChange(id, now, MembershipChangeKind.CLUSTER_UNREACHABLE, null, null, null, after.problem()));
            }
            return changes;
        }
        if (before.isKnown() && !before.reachable()) {
            changes.add(new MembershipChange(id, now, MembershipChangeKind.CLUSTER_REACHABLE, after.via(), null, null, null));
        }
        for (MemberState m : after.present()) {
            Optional<MemberState> old = before.member(m.address()).filter(MemberState::present);
            if (old.isEmpty()) {
                changes.add(new MembershipChange(id, now, MembershipChangeKind.MEMBER_JOINED, m.address(), null, m.role(),
                        m.version() == null ? null : "version " + m.version()));
                continue;
            }
            if (!Objects.equals(old.get().role(), m.role())) {
                changes.add(new MembershipChange(id, now, MembershipChangeKind.ROLE_CHANGED, m.address(), old.get().role(), m.role(), null));
            }
            if (old.get().version() != null && m.version() != null && !old.get().version().equals(m.version())) {
                changes.add(new MembershipChange(id, now, MembershipChangeKind.VERSION_CHANGED, m.address(), old.get().version(), m.version(), null));
            }
        }
        for (MemberState m : before.present()) {
            boolean stillThere = after.member(m.address()).map(MemberState::present).orElse(false);
            if (!stillThere) {
                changes.add(new MembershipChange(id, now, MembershipChangeKind.MEMBER_LEFT, m.address(), m.role(), null, null));
            }
        }
        String oldLeader = before.leader().map(MemberState::address).orElse(null);
        String newLeader = after.leader().map(MemberState::address).orElse(null);
        if (before.isKnown() && !Objects.equals(oldLeader, newLeader)) {
            changes.add(new MembershipChange(id, now, MembershipChangeKind.LEADER_CHANGED, newLeader, oldLeader, newLeader, null));
        }
        return changes;
    }
}
