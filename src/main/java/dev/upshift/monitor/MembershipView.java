package dev.upshift.monitor;

/** The monitor's current view of a cluster: what the pages show and what the run engine's gates decide on. */
public interface MembershipView {

    MembershipSnapshot current(Long clusterId);
}
