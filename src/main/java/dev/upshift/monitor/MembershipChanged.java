package dev.upshift.monitor;

import java.util.List;

/** Published after a poll that changed a cluster's membership (or its reachability). */
public record MembershipChanged(MembershipSnapshot snapshot, List<MembershipChange> changes) {
}
