package dev.upshift.run;

import java.time.Instant;

/**
 * Published (inside the transition's transaction, so listeners can wait for the commit) when a run reaches a point
 * worth telling outside the panel: it started, a step failed, it was interrupted, it finished (succeeded, failed or
 * aborted). Carries no secret: ids, names, statuses, step keys.
 *
 * @param step the step concerned (for {@link Kind#STEP_FAILED} and a run failed by its step), or null
 */
public record RunMilestone(Kind kind, Long runId, Long clusterId, String clusterName, RunStatus status, StepRef step,
                           Instant at) {

    public enum Kind {
        RUN_STARTED("run.started"), STEP_FAILED("step.failed"), RUN_INTERRUPTED("run.interrupted"),
        RUN_FINISHED("run.finished");

        private final String eventName;

        Kind(String eventName) {
            this.eventName = eventName;
        }

        /** The name outside the panel sees, e.g. {@code run.finished}. */
        public String eventName() {
            return eventName;
        }
    }

    public record StepRef(String key, String server, StepStatus status) {
    }
}
