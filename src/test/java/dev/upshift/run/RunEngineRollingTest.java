package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.upshift.procedure.StepKey;

/**
 * The straight path: a rolling upgrade completes in the right order, also when leadership moves mid-run.
 */
class RunEngineRollingTest extends RunEngineTestSupport {

    @Test
    @DisplayName("rolling 3.4.5 → 3.4.6 completes: followers first, the leader last, never below 2 cores, audited, registry moved")
    void rollingUpgradeCompletes() {
        RunView planned = plan();
        assertThat(planned.status()).isEqualTo(RunStatus.PLANNED);
        assertThat(planned.requiredAcknowledgements()).containsExactly("no-downgrade", "write-load");

        engine.start(planned.id(), List.of("no-downgrade", "write-load"));
        RunView done = awaitStatus(planned.id(), RunStatus.SUCCEEDED);

        assertThat(cluster.versionsNow()).containsValues("3.4.6", "3.4.6", "3.4.6");
        assertThat(cluster.stopOrder()).containsExactly(A, B, C);
        assertThat(cluster.minCoresPresent).isEqualTo(2);
        assertThat(cluster.execs).as("plan commands run as shown, not wrapped in sudo again").isNotEmpty()
                .noneMatch(FakeCluster.Exec::wrapped);
        assertThat(done.steps()).allMatch(s -> s.status() == StepStatus.SUCCEEDED || s.status() == StepStatus.SKIPPED);
        assertThat(step(done, StepKey.PRE_BACKUP_CONF, A).notes()).contains("SHA-256");
        assertThat(cluster.uploads).containsKey(A + ":/tmp/upshift/run-" + planned.id() + "/neo4j.conf.final");
        assertThat(queries.output(planned.id(), step(done, StepKey.SRV_START, B).id(), 0))
                .extracting(OutputLineView::text).anyMatch(t -> t.contains("Started neo4j"));
        List<String> actions = jdbc.queryForList("select action from audit_event where target_type = 'run' and target_id = ? order by id",
                String.class, String.valueOf(planned.id()));
        assertThat(actions).contains("run.planned", "run.started", "run.succeeded");
        for (String host : List.of(A, B, C)) {
            String home = "/srv/" + host + "/neo4j-enterprise-3.4.6";
            assertThat(cluster.relocations).as("the registry follows " + host + " into its new installation")
                    .containsEntry(host, home + "|" + home + "/conf|" + home + "/data");
        }
    }

    @Test
    @DisplayName("leadership moves mid-run: the new leader is upgraded last")
    void leaderIsRecheckedBeforeEachServer() {
        // when A comes back on 3.4.6, B wins an election: B must now wait until C is done
        cluster.after(A, "neo4j-enterprise-3.4.6/bin/neo4j start", () -> {
            cluster.roles.put(C, "FOLLOWER");
            cluster.roles.put(B, "LEADER");
        });
        RunView planned = plan();
        engine.start(planned.id(), List.of("no-downgrade", "write-load"));
        RunView done = awaitStatus(planned.id(), RunStatus.SUCCEEDED);

        assertThat(cluster.stopOrder()).containsExactly(A, C, B);
        assertThat(done.steps().stream().filter(s -> s.key().equals("SRV_STOP")).map(RunView.StepView::server))
                .as("the stored order follows what ran").containsExactly(A, C, B);
    }
}
