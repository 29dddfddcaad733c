package dev.upshift.run;

import java.time.Instant;

/** A run in a list (newest first). */
public record RunSummary(Long id, Long clusterId, String clusterName, RunStatus status, String method, String mode,
                         String sourceVersion, String targetVersion, String createdBy, Instant createdAt,
                         Instant startedAt, Instant endedAt, int steps, int stepsDone) {
}
