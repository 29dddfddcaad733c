package dev.upshift.run;

import dev.upshift.procedure.StepKey;

/**
 * Published (after commit) when a step's status or its waiting reason changed; the live page re-renders that step's
 * row (its id is {@code stepId}).
 */
public record RunStepChanged(Long runId, Long stepId, StepKey key, String server, StepStatus status,
                             String waitingReason) {
}
