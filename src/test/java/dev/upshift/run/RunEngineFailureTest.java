package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.upshift.procedure.StepKey;

/**
 * When things go wrong: a failed step halts the run until retried, a health gate times out, an abort while a gate waits.
 */
class RunEngineFailureTest extends RunEngineTestSupport {

    @Test
    @DisplayName("a failed step halts the run with a diagnosis; nothing after it runs; retry completes it")
    void failedStepHaltsThenRetry() {
        cluster.fail(B, "neo4j-enterprise-3.4.6/bin/neo4j start", 1);
        RunView planned = plan();
        engine.start(planned.id(), List.of("no-downgrade", "write-load"));
        RunView failed = awaitStatus(planned.id(), RunStatus.FAILED);

        RunView.StepView start = step(failed, StepKey.SRV_START, B);
        assertThat(start.status()).isEqualTo(StepStatus.FAILED);
        assertThat(failed.activeStepId()).isEqualTo(start.id());
        assertThat(start.exitCode()).isEqualTo(1);
        assertThat(start.diagnosis()).contains("Exit code: 1").contains("simulated failure")
                .contains("46 Java stack frame lines left out").doesNotContain("org.example.Tool")
                .contains("debug.log on " + B).contains("simulated log line on " + B).contains("neo4j.log on " + B);
        assertThat(step(failed, StepKey.SRV_VERIFY_JOINED, B).status()).isEqualTo(StepStatus.PENDING);
        assertThat(cluster.commandsOn(C)).noneMatch(c -> c.endsWith("bin/neo4j stop"));
        assertThatThrownBy(() -> engine.resume(planned.id())).isInstanceOf(RunConflictException.class);

        cluster.heal();
        engine.retry(planned.id(), start.id(), false);
        RunView done = awaitStatus(planned.id(), RunStatus.SUCCEEDED);
        assertThat(step(done, StepKey.SRV_START, B).attempts()).isEqualTo(2);
        assertThat(cluster.versionsNow()).containsValues("3.4.6", "3.4.6", "3.4.6");
    }

    @Test
    @DisplayName("a health gate waits with a visible reason and fails at its timeout without stopping anything")
    void gateWaitsThenTimesOut() {
        // B crashes after the pre-upgrade steps: A must not be stopped while B is missing
        cluster.after(C, "neo4j.conf", () -> {});
        cluster.after(C, "cat ", () -> cluster.roles.remove(B));
        RunView planned = plan();
        engine.start(planned.id(), List.of("no-downgrade", "write-load"));

        RunView waiting = await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> queries.get(planned.id()),
                r -> step(r, StepKey.SRV_STOP, A).waitingReason() != null);
        assertThat(step(waiting, StepKey.SRV_STOP, A).waitingReason()).contains(B).contains("not in dbms.cluster.overview()");

        RunView failed = awaitStatus(planned.id(), RunStatus.FAILED);
        assertThat(step(failed, StepKey.SRV_STOP, A).diagnosis()).contains("health gate not met after 2 s");
        assertThat(cluster.stopOrder()).isEmpty();
    }

    @Test
    @DisplayName("abort while a gate waits: nothing is sent, the step is pending again, the cluster is released")
    void abortWhileGateWaits() {
        cluster.after(C, "cat ", () -> cluster.roles.remove(B));
        RunView planned = plan();
        engine.start(planned.id(), List.of("no-downgrade", "write-load"));
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> queries.get(planned.id()),
                r -> step(r, StepKey.SRV_STOP, A).waitingReason() != null);

        engine.abort(planned.id(), "maintenance window over");

        RunView aborted = await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> queries.get(planned.id()),
                r -> step(r, StepKey.SRV_STOP, A).status() == StepStatus.PENDING);
        assertThat(aborted.status()).isEqualTo(RunStatus.ABORTED);
        assertThat(aborted.statusReason()).isEqualTo("maintenance window over");
        assertThat(step(aborted, StepKey.SRV_STOP, A).notes()).contains("nothing was sent");
        assertThat(cluster.stopOrder()).isEmpty();
        RunView second = plan();
        engine.start(second.id(), List.of("no-downgrade", "write-load"));   // the cluster was released
        engine.abort(second.id(), "test over");
    }
}
