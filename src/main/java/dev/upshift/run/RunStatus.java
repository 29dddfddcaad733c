package dev.upshift.run;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a run: PLANNED → RUNNING ⇄ PAUSED → SUCCEEDED | FAILED | ABORTED, and INTERRUPTED when the panel
 * stopped while the run was RUNNING. A FAILED run is halted at its failed step: the operator may retry or skip that
 * step (back to RUNNING) or abort.
 */
public enum RunStatus {
    PLANNED, RUNNING, PAUSED, SUCCEEDED, FAILED, ABORTED, INTERRUPTED;

    /**
     * The run owns its cluster: the cluster may be half upgraded, so no other run may start on it. FAILED is
     * included because a failed run can still be retried or skipped forward; aborting it releases the cluster.
     */
    public boolean holdsCluster() {
        return HOLDING.contains(this);
    }

    public boolean isFinished() {
        return this == SUCCEEDED || this == ABORTED;
    }

    private static final Set<RunStatus> HOLDING = EnumSet.of(RUNNING, PAUSED, INTERRUPTED, FAILED);
}
