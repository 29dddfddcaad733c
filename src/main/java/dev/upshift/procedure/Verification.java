package dev.upshift.procedure;

/**
 * What proves a step was done.
 *
 * @param kind        what the engine checks, so it can pick its checker
 * @param description what proves it, in words (shown to the operator in manual mode)
 */
public record Verification(Kind kind, String description) {

    public enum Kind {
        /** The operator's acknowledgement or acceptance. */
        OPERATOR,
        /** Commands exit 0 (and their output, e.g. checksums, is recorded). */
        EXIT_CODE,
        /** The member no longer runs (no process; gone from the others' overview). */
        MEMBER_STOPPED,
        /** The member is in the overview with its role, reports the target version and has caught up. */
        MEMBER_JOINED,
        /** The cores form a cluster with exactly one leader, on the target version and store format. */
        CLUSTER_FORMED,
        /** debug.log reports a finished store upgrade and the store is in the target's format. */
        STORE_UPGRADED,
        /** The cluster is healthy and every member reports the source version (planning checks). */
        CLUSTER_STATE
    }
}
