-- Indexes for the run history (see RunSearch): newest first is "order by created_at desc, id desc", and the
-- filters by cluster, status and operator each walk their own index in that order instead of sorting every run.

CREATE INDEX ix_upgrade_run_created ON upgrade_run (created_at, id);
CREATE INDEX ix_upgrade_run_cluster_created ON upgrade_run (cluster_id, created_at, id);
CREATE INDEX ix_upgrade_run_status_created ON upgrade_run (status, created_at, id);
CREATE INDEX ix_upgrade_run_started_by ON upgrade_run (started_by, created_at);
