package dev.upshift.history;

import java.time.Instant;

import dev.upshift.run.RunStatus;

/** One run in the history list (and in {@code GET /api/runs}). {@code operator}: who started it, else who planned it. */
public record RunRow(Long id, Long clusterId, String clusterName, RunStatus status, String method, String mode,
                     String sourceVersion, String targetVersion, String createdBy, Instant createdAt,
                     String operator, Instant startedAt, Instant endedAt, int steps, int stepsDone) {

    public int percent() {
        return steps == 0 ? 0 : stepsDone * 100 / steps;
    }
}
