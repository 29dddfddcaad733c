package dev.upshift.procedure;

/**
 * Every step of the procedure, keyed exactly as in {@code procedure.md}. The API returns these names and the
 * tests use them; the texts live in {@code procedure/steps.properties} (see {@link ProcedureCatalogue}).
 */
public enum StepKey {
    // 5.3.1 Before any method
    PRE_PLANNING,
    PRE_BACKUP_CONF,
    PRE_BACKUP_DBMS,
    PRE_VERIFY_FULL_BACKUP,
    PRE_PREPARE_CONF,
    // 5.3.2 Rolling upgrade
    ROLLING_WRITE_LOAD_ADVISORY,
    // 5.3.2.1 on fixed servers
    SRV_STOP,
    SRV_INSTALL,
    SRV_START,
    SRV_VERIFY_JOINED,
    // 5.3.2.2 on replaceable resources
    RR_NEW_INSTANCE,
    RR_PLACE_CONF,
    RR_MOVE_DBMS,
    RR_START_STORE_COPY,
    RR_VERIFY_JOINED,
    RR_STOP_OLD,
    // 5.3.3 Offline upgrade
    OFF_STOP_ALL,
    OFF_SEED_MODE_SINGLE,
    OFF_SEED_INSTALL,
    OFF_SEED_START_UPGRADE,
    OFF_SEED_RESET_CONF,
    OFF_SEED_DUMP,
    OFF_SEED_UNBIND,
    OFF_CORE_DELETE_DB,
    OFF_CORE_INSTALL,
    OFF_CORE_MOVE_DBMS,
    OFF_CORE_UNBIND,
    OFF_CORE_LOAD,
    OFF_START_CORES,
    OFF_RR_STOP,
    OFF_RR_DELETE_DB,
    OFF_RR_INSTALL,
    OFF_RR_MOVE_DBMS,
    OFF_RR_LOAD,
    OFF_RR_START,
    // after the upgrade
    POST_FULL_BACKUP,
    // Rollback of a failed or aborted run (not in the manual: Neo4j has no downgrade, 5.3.1 Limitations)
    RB_STOP_ALL,
    RB_VERIFY_BACKUP,
    RB_REINSTALL,
    RB_RESTORE_CONF,
    RB_RESTORE_DBMS,
    RB_RESTORE_DB,
    RB_UNBIND,
    RB_START_CORES,
    RB_RR_START
}
