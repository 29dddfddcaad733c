package dev.upshift.history;

import java.time.Instant;

import dev.upshift.run.RunStatus;

/**
 * A checked filter of the runs list. Every field may be null (no restriction).
 *
 * @param operator who started the run (who planned it, for a run never started)
 * @param from     inclusive, on when the run started (when it was planned, for a run never started)
 * @param to       exclusive, same time
 */
public record RunFilter(Long clusterId, RunStatus status, String operator, Instant from, Instant to, RunSort sort,
                        boolean ascending) {

    public static final RunFilter NONE = new RunFilter(null, null, null, null, null, RunSort.CREATED, false);

    public RunFilter {
        sort = sort == null ? RunSort.CREATED : sort;
    }

    /** The same filter without its status: what the per-status counts are counted over. */
    public RunFilter withoutStatus() {
        return new RunFilter(clusterId, null, operator, from, to, sort, ascending);
    }
}
