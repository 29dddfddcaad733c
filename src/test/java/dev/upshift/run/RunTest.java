package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.upshift.procedure.Method;

/** The run's state machine, without a database. */
class RunTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static Run planned() {
        Run run = new Run(7L, "prod", Method.ROLLING_FIXED, RunMode.AUTO, "3.4.5", "3.4.6", "op", T);
        run.describePlan("StandardV3_4", null, List.of("no-downgrade", "write-load"), List.of());
        return run;
    }

    @Test
    @DisplayName("start needs every acknowledgement the plan asks for, and names the missing one")
    void startNeedsAcknowledgements() {
        Run run = planned();
        assertThatThrownBy(() -> run.start(List.of("no-downgrade"), "op", T))
                .isInstanceOf(RunRequestException.class).hasMessageContaining("write-load");
        assertThat(run.getStatus()).isEqualTo(RunStatus.PLANNED);
        assertThat(run.getActiveClusterId()).isNull();

        run.start(List.of("no-downgrade", "write-load"), "op", T);
        assertThat(run.getStatus()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.getActiveClusterId()).as("holds the cluster while running").isEqualTo(7L);
    }

    @Test
    @DisplayName("RUNNING ⇄ PAUSED; a second start or pause is refused")
    void pauseAndResume() {
        Run run = planned();
        run.start(List.of("no-downgrade", "write-load"), "op", T);
        assertThatThrownBy(() -> run.start(List.of("no-downgrade", "write-load"), "op", T)).isInstanceOf(RunConflictException.class);
        run.pause("by op");
        assertThatThrownBy(() -> run.pause("again")).isInstanceOf(RunConflictException.class);
        assertThat(run.getActiveClusterId()).as("a paused run still holds its cluster").isEqualTo(7L);
        run.resume();
        assertThat(run.getStatus()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    @DisplayName("a FAILED run is not resumed: it goes on by retrying or skipping its step, and keeps the cluster")
    void failedRun() {
        Run run = planned();
        run.start(List.of("no-downgrade", "write-load"), "op", T);
        run.fail("SRV_START failed", T);
        assertThat(run.getActiveClusterId()).isEqualTo(7L);
        assertThatThrownBy(run::resume).isInstanceOf(RunConflictException.class).hasMessageContaining("retry");
        run.holdAfterSkip("skipped");
        assertThat(run.getStatus()).isEqualTo(RunStatus.PAUSED);
        run.fail("again", T);
        run.retry();
        assertThat(run.getStatus()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    @DisplayName("success and abort release the cluster; an abort during a step keeps it until the step ends")
    void release() {
        Run ok = planned();
        ok.start(List.of("no-downgrade", "write-load"), "op", T);
        ok.succeed(T);
        assertThat(ok.getActiveClusterId()).isNull();
        assertThatThrownBy(() -> ok.abort("late", T, false)).isInstanceOf(RunConflictException.class);

        Run aborted = planned();
        aborted.start(List.of("no-downgrade", "write-load"), "op", T);
        aborted.abort("stop", T, true);
        assertThat(aborted.getStatus()).isEqualTo(RunStatus.ABORTED);
        assertThat(aborted.getActiveClusterId()).as("a step is still executing").isEqualTo(7L);
        aborted.release();
        assertThat(aborted.getActiveClusterId()).isNull();
    }

    @Test
    @DisplayName("an interrupted run resumes (verify-and-continue) or retries")
    void interrupted() {
        Run run = planned();
        run.start(List.of("no-downgrade", "write-load"), "op", T);
        run.interrupt("panel stopped");
        assertThat(run.getStatus().holdsCluster()).isTrue();
        run.resume();
        assertThat(run.getStatus()).isEqualTo(RunStatus.RUNNING);
    }
}
