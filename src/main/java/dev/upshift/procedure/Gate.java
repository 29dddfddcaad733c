package dev.upshift.procedure;

/** A health condition the run engine must see before it starts a step; a gate not met waits, never proceeds. */
public enum Gate {
    NONE,
    /**
     * Before stopping a member of a serving cluster: every other expected member is in dbms.cluster.overview() with
     * exactly one leader, the member upgraded last has rejoined on the target version and caught up, and the cores
     * left running would still be a majority.
     */
    SAFE_TO_STOP
}
