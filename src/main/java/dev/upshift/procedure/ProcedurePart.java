package dev.upshift.procedure;

/** The part of Operations Manual 5.3 a step belongs to. */
public enum ProcedurePart {
    /** 5.3.1: before any method. */
    PRE_UPGRADE,
    /** 5.3.2: both rolling variants. */
    ROLLING,
    /** 5.3.2.1: rolling upgrade on fixed servers. */
    ROLLING_FIXED,
    /** 5.3.2.2: rolling upgrade on replaceable resources. */
    ROLLING_REPLACEABLE,
    /** 5.3.3: offline upgrade. */
    OFFLINE,
    /** 5.3.1, "After the upgrade". */
    POST_UPGRADE,
    /** 5.3.1 Limitations: a failed upgrade means a full rollback, restoring the pre-upgrade backup. */
    ROLLBACK
}
