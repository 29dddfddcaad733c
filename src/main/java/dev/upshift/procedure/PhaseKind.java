package dev.upshift.procedure;

/** The kinds of phase a plan is made of, following the sections of the manual. */
public enum PhaseKind {
    /** 5.3.1 pre-upgrade steps (and the rolling write-load advisory). */
    PRE_UPGRADE,
    /** Rolling: one server upgraded in place, or replaced. */
    SERVER,
    /** Offline 1: every server shut down. */
    SHUTDOWN,
    /** Offline 2: the core that upgrades the store. */
    SEED_CORE,
    /** Offline 3: each other core. */
    OTHER_CORE,
    /** Offline 4: all cores started. */
    START_CORES,
    /** Offline 5: each read replica. */
    READ_REPLICA,
    /** After the upgrade: the full backup. */
    POST_UPGRADE,
    /** Rollback: the pre-upgrade full backup is checked (and packed for the other servers). */
    ROLLBACK_BACKUP,
    /** Rollback: one server back on its source installation, conf, auth and database. */
    ROLLBACK_SERVER
}
