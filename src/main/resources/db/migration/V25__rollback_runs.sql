-- A rollback run (issue 5, "Rollback"): an ordinary run whose plan puts the cluster back on the source version of a
-- failed or aborted upgrade run, named here. Null for an upgrade.
ALTER TABLE upgrade_run ADD COLUMN rollback_of BIGINT;

CREATE INDEX ix_upgrade_run_rollback_of ON upgrade_run (rollback_of);
