package dev.upshift.run;

/** Published (after commit) when a run's status changed; the live page refreshes its header and actions. */
public record RunChanged(Long runId, Long clusterId, RunStatus status, String reason) {
}
