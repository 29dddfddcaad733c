package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.upshift.procedure.StepKey;

/**
 * Rolling on replaceable resources (5.3.2.2) on the simulated cluster: each replacement joins before the member it
 * replaces is shut down, and the gates count a replaced member through its replacement.
 */
class RunEngineReplaceableTest extends RunEngineTestSupport {

    static final String D = "10.0.1.1", E = "10.0.1.2", F = "10.0.1.3";

    @Test
    @DisplayName("each member is replaced: the new instance joins on 3.4.6, then the old one stops; never below 3 cores")
    void everyMemberIsReplaced() {
        RunView run = planReplaceable(D, E, F);
        assertThat(run.steps()).extracting(RunView.StepView::key).contains("RR_NEW_INSTANCE", "RR_STOP_OLD")
                .doesNotContain("SRV_STOP");
        assertThat(step(run, StepKey.PRE_PREPARE_CONF, D).status()).isEqualTo(StepStatus.PENDING);

        engine.start(run.id(), List.of("no-downgrade", "write-load"));
        RunView done = awaitStatus(run.id(), RunStatus.SUCCEEDED);

        assertThat(cluster.roles).containsOnlyKeys(D, E, F);          // the old members are shut down
        assertThat(cluster.versionsNow()).containsEntry(D, "3.4.6").containsEntry(E, "3.4.6").containsEntry(F, "3.4.6");
        assertThat(cluster.stopOrder()).containsExactly(A, B, C);     // the leader (C) last
        // a replacement joins before its member stops: with 3 cores expected, never fewer than 3 present
        assertThat(cluster.minCoresPresent).isEqualTo(3);
        // the replacement's conf is derived from the member's, its addresses moved to its own
        String conf = new String(cluster.uploads.get(D + ":/tmp/upshift/run-" + run.id() + "/neo4j.conf.final"));
        assertThat(conf).contains("dbms.connectors.default_advertised_address=" + D).doesNotContain("advertised_address=" + A);
        assertThat(cluster.commandsOn(A)).anyMatch(c -> c.contains("neo4j.conf"));   // read from the member it replaces
        assertThat(done.steps()).allMatch(s -> s.status() == StepStatus.SUCCEEDED || s.status() == StepStatus.SKIPPED);
    }
}
