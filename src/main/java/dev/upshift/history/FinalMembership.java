package dev.upshift.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.upshift.monitor.MembershipChange;
import dev.upshift.monitor.MembershipSnapshot;

/**
 * The membership a run left: the change log replayed up to the run's end (each member's last role and version,
 * and whether it was still there), or, for a cluster whose log is empty, the monitor's latest snapshot.
 *
 * @param source in words, where the members come from and as of when
 */
public record FinalMembership(String source, List<Member> members) {

    public record Member(String address, String role, String version, boolean present) {
    }

    static FinalMembership replay(List<MembershipChange> log, Instant asOf) {
        Map<String, Member> members = new LinkedHashMap<>();
        for (MembershipChange c : log) {
            if (c.getAddress() == null) continue;
            Member m = members.getOrDefault(c.getAddress(), new Member(c.getAddress(), null, null, true));
            members.put(c.getAddress(), switch (c.getKind()) {
                case MEMBER_JOINED -> new Member(m.address(), c.getToValue(), m.version(), true);
                case MEMBER_LEFT -> new Member(m.address(), m.role() == null ? c.getFromValue() : m.role(), m.version(), false);
                case ROLE_CHANGED -> new Member(m.address(), c.getToValue(), m.version(), m.present());
                case VERSION_CHANGED -> new Member(m.address(), m.role(), c.getToValue(), m.present());
                default -> m;
            });
        }
        members.values().removeIf(m -> m.role() == null && m.version() == null);
        return new FinalMembership("the membership change log replayed up to " + asOf, new ArrayList<>(members.values()));
    }

    static FinalMembership of(MembershipSnapshot snapshot) {
        if (!snapshot.isKnown()) return new FinalMembership("not known: the cluster has no membership record", List.of());
        return new FinalMembership("the monitor's latest snapshot, " + snapshot.polledAt(), snapshot.members().stream()
                .map(m -> new Member(m.address(), m.role(), m.version(), m.present())).toList());
    }
}
