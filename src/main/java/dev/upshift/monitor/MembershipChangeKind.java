package dev.upshift.monitor;

/** What changed between two polls of a cluster. */
public enum MembershipChangeKind {
    MEMBER_JOINED, MEMBER_LEFT, ROLE_CHANGED, VERSION_CHANGED, LEADER_CHANGED, CLUSTER_UNREACHABLE, CLUSTER_REACHABLE
}
