package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.upshift.procedure.StepKey;

/**
 * Rollback runs on the simulated cluster: planned from what a failed run recorded, refused without the pre-upgrade
 * backup, and executed by the same engine until every member is back on the source version.
 */
class RunEngineRollbackTest extends RunEngineTestSupport {

    @Autowired RunRollbacks rollbacks;
    @Autowired Preflight preflight;

    /** A rolling 3.4.5 → 3.4.6 run that failed starting B: A already runs 3.4.6, B is down, C still runs 3.4.5. */
    private RunView failedRun() {
        cluster.fail(B, "neo4j-enterprise-3.4.6/bin/neo4j start", 1);
        RunView planned = plan();
        engine.start(planned.id(), List.of("no-downgrade", "write-load"));
        RunView failed = awaitStatus(planned.id(), RunStatus.FAILED);
        cluster.heal();
        assertThat(cluster.versionsNow()).containsEntry(A, "3.4.6").containsEntry(C, "3.4.5");
        return failed;
    }

    @Test
    @DisplayName("a failed run's rollback is planned from its records, supersedes it at start and brings every member back")
    void rollbackBringsTheClusterBack() {
        RunView failed = failedRun();
        RunView rollback = rollbacks.plan(failed.id(), null);

        assertThat(rollback.status()).isEqualTo(RunStatus.PLANNED);
        assertThat(rollback.kind()).isEqualTo("rollback");
        assertThat(rollback.rollbackOf()).isEqualTo(failed.id());
        assertThat(rollback.sourceVersion()).isEqualTo("3.4.6");
        assertThat(rollback.targetVersion()).isEqualTo("3.4.5");
        assertThat(rollback.requiredAcknowledgements()).containsExactly("restore-backup");
        String backupDir = "/srv/" + A + "/backups/run-" + failed.id() + "/full-backup/graph.db";
        assertThat(step(rollback, StepKey.RB_VERIFY_BACKUP, A).commands().get(0).display()).isEqualTo("test -f " + backupDir + "/neostore");
        // the run installed on A and B, never on C
        assertThat(step(rollback, StepKey.RB_REINSTALL, A).status()).isEqualTo(StepStatus.PENDING);
        assertThat(step(rollback, StepKey.RB_REINSTALL, B).status()).isEqualTo(StepStatus.PENDING);
        assertThat(step(rollback, StepKey.RB_REINSTALL, C).skipCode()).isEqualTo("NOT_TOUCHED");
        // the conf backups' checksums as PRE_BACKUP_CONF recorded them
        String confBackup = "/srv/" + A + "/backups/run-" + failed.id() + "/neo4j.conf";
        assertThat(step(rollback, StepKey.RB_RESTORE_CONF, A).commands().get(0).display())
                .isEqualTo("echo '" + "a".repeat(64) + "  " + confBackup + "' | sha256sum -c -");
        assertThatThrownBy(() -> rollbacks.plan(failed.id(), null)).isInstanceOf(RunConflictException.class)
                .hasMessageContaining("already has rollback run " + rollback.id());

        // the pre-flight of a rollback does not ask for a healthy cluster on a newer target
        RunView checked = preflight.run(rollback.id());
        assertThat(checked.checks()).extracting(RunView.CheckView::name).contains("rollback", "ssh", "disk")
                .doesNotContain("target-newer", "membership", "version");

        engine.start(rollback.id(), List.of("restore-backup"));
        RunView done = awaitStatus(rollback.id(), RunStatus.SUCCEEDED);

        assertThat(cluster.versionsNow()).containsEntry(A, "3.4.5").containsEntry(B, "3.4.5").containsEntry(C, "3.4.5");
        assertThat(cluster.roles).hasSize(3);
        assertThat(cluster.commandsOn(A)).contains("test ! -x /srv/" + A + "/neo4j-enterprise-3.4.6/bin/neo4j || /srv/" + A
                + "/neo4j-enterprise-3.4.6/bin/neo4j stop", "/srv/" + A + "/neo4j-enterprise-3.4.5/bin/neo4j-admin restore "
                + "--database=graph.db --force --from=" + backupDir);
        assertThat(cluster.commandsOn(B)).anyMatch(c -> c.contains("neo4j-admin restore") && c.contains("/run-" + rollback.id()
                + "/pre-upgrade-backup/graph.db"));
        assertThat(done.steps()).filteredOn(s -> s.key().equals("RB_START_CORES")).extracting(RunView.StepView::status)
                .containsExactly(StepStatus.SUCCEEDED);
        // the registry points at the source installations again
        assertThat(cluster.relocations).containsEntry(A, "/srv/" + A + "/neo4j-enterprise-3.4.5|/srv/" + A
                + "/neo4j-enterprise-3.4.5/conf|/srv/" + A + "/neo4j-enterprise-3.4.5/data");
        RunView superseded = queries.get(failed.id());
        assertThat(superseded.status()).isEqualTo(RunStatus.ABORTED);
        assertThat(superseded.statusReason()).contains("Superseded by its rollback, run " + rollback.id());
        List<String> actions = jdbc.queryForList("select action from audit_event where target_id = ? order by id",
                String.class, String.valueOf(rollback.id()));
        assertThat(actions).containsSubsequence("run.rollback-planned", "run.started", "run.succeeded");
    }

    @Test
    @DisplayName("refused with the reason: a run that did not fail, a backup never taken, a backup no longer there")
    void refusals() {
        RunView planned = plan();
        assertThatThrownBy(() -> rollbacks.plan(planned.id(), null)).isInstanceOf(RunConflictException.class)
                .hasMessageContaining("is PLANNED: only a FAILED or ABORTED run is rolled back");
        engine.abort(planned.id(), "changed my mind");
        assertThatThrownBy(() -> rollbacks.plan(planned.id(), null)).isInstanceOf(RollbackRefusedException.class)
                .hasMessageContaining("has no pre-upgrade full backup: its PRE_VERIFY_FULL_BACKUP step never ran")
                .extracting(e -> ((RollbackRefusedException) e).code()).isEqualTo("BACKUP_MISSING");

        RunView failed = failedRun();
        cluster.fail(A, "/full-backup/graph.db/neostore", 1);
        assertThatThrownBy(() -> rollbacks.plan(failed.id(), null)).isInstanceOf(RollbackRefusedException.class)
                .hasMessageContaining("pre-upgrade full backup of run " + failed.id() + " is missing")
                .hasMessageContaining("/srv/" + A + "/backups/run-" + failed.id() + "/full-backup/graph.db on " + A);
        assertThat(jdbc.queryForObject("select count(*) from upgrade_run where rollback_of = ?", Integer.class, failed.id()))
                .isZero();
    }
}
