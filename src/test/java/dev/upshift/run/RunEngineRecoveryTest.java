package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.upshift.procedure.StepKey;

/**
 * Off the straight path: recovery after the panel stopped mid-run, simultaneous starts and clicks (manual mode:
 * {@link RunEngineManualTest}).
 */
class RunEngineRecoveryTest extends RunEngineTestSupport {

    @Test
    @DisplayName("after a crash the run is INTERRUPTED at the step in flight; verify-and-continue completes it")
    void crashRecovery() {
        RunView planned = plan();
        transitions.start(planned.id(), List.of("no-downgrade", "write-load"));
        RunView.StepView first = planned.steps().get(0);
        RunView.StepView second = planned.steps().get(1);
        transitions.beginStep(first.id());
        transitions.commandsStarted(first.id());   // the panel died while PRE_PLANNING's queries ran

        recovery.recover();

        RunView interrupted = queries.get(planned.id());
        assertThat(interrupted.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(interrupted.statusReason()).contains("PRE_PLANNING");
        assertThat(step(interrupted, StepKey.PRE_PLANNING, null).status()).isEqualTo(StepStatus.RUNNING);
        assertThat(interrupted.steps().get(1).id()).isEqualTo(second.id());
        assertThat(interrupted.steps().get(1).status()).as("nothing ran by itself").isEqualTo(StepStatus.PENDING);

        engine.resume(planned.id());
        RunView done = awaitStatus(planned.id(), RunStatus.SUCCEEDED);
        assertThat(step(done, StepKey.PRE_PLANNING, null).notes()).contains("verified after the interruption");
        assertThat(step(done, StepKey.PRE_PLANNING, null).attempts()).isEqualTo(1);
    }

    @Test
    @DisplayName("an interrupted step known only by exit codes is not re-run by itself: it fails and the operator retries")
    void interruptedExitCodeStep() {
        RunView planned = plan();
        transitions.start(planned.id(), List.of("no-downgrade", "write-load"));
        RunView.StepView backup = step(planned, StepKey.PRE_BACKUP_CONF, A);
        for (RunView.StepView s : planned.steps()) {
            if (s.position() >= backup.position()) break;
            transitions.beginStep(s.id());
            transitions.succeedStep(s.id(), 0, null, 0, 0);
        }
        transitions.beginStep(backup.id());
        transitions.commandsStarted(backup.id());
        recovery.recover();

        engine.resume(planned.id());
        RunView failed = awaitStatus(planned.id(), RunStatus.FAILED);
        assertThat(step(failed, StepKey.PRE_BACKUP_CONF, A).diagnosis()).contains("retry it (safe to re-run)");
        assertThat(cluster.commandsOn(A)).as("not re-run by itself").noneMatch(c -> c.startsWith("cp -p"));

        engine.retry(planned.id(), backup.id(), false);
        awaitStatus(planned.id(), RunStatus.SUCCEEDED);
    }

    @Test
    @DisplayName("a step that had sent nothing when the panel stopped goes back to PENDING")
    void unstartedStepIsReset() {
        RunView planned = plan();
        transitions.start(planned.id(), List.of("no-downgrade", "write-load"));
        RunView.StepView first = planned.steps().get(0);
        transitions.beginStep(first.id());
        recovery.recover();
        RunView after = queries.get(planned.id());
        assertThat(after.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(after.steps().get(0).status()).isEqualTo(StepStatus.PENDING);
        assertThat(after.steps().get(0).notes()).contains("before this step sent any command");
        engine.abort(planned.id(), "test over");
        assertThat(queries.get(planned.id()).status()).isEqualTo(RunStatus.ABORTED);
    }

    @Test
    @DisplayName("two simultaneous starts on one cluster: exactly one run starts, the other names it")
    void oneActiveRunPerCluster() throws Exception {
        RunView first = plan();
        RunView second = plan();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        List<Future<Object>> results = new ArrayList<>();
        for (RunView r : List.of(first, second)) {
            results.add(two.submit(() -> {
                go.await();
                try {
                    return transitions.start(r.id(), List.of("no-downgrade", "write-load"));
                } catch (RunConflictException e) {
                    return e;
                }
            }));
        }
        go.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> f : results) outcomes.add(f.get());
        two.shutdown();

        assertThat(outcomes).filteredOn(o -> o instanceof Run).hasSize(1);
        RunConflictException refused = (RunConflictException) outcomes.stream().filter(o -> o instanceof RunConflictException)
                .findFirst().orElseThrow();
        Long started = ((Run) outcomes.stream().filter(o -> o instanceof Run).findFirst().orElseThrow()).getId();
        assertThat(refused.getMessage()).contains("one active run");
        assertThat(refused.activeRunId()).isEqualTo(started);
        engine.abort(started, "test over");
    }

    @Test
    @DisplayName("two clicks on retry act once; skip needs a reason")
    void twoClicksActOnce() throws Exception {
        cluster.fail(A, "tar -xzf", 2);
        RunView planned = plan();
        engine.start(planned.id(), List.of("no-downgrade", "write-load"));
        RunView failed = awaitStatus(planned.id(), RunStatus.FAILED);
        Long install = step(failed, StepKey.SRV_INSTALL, A).id();
        assertThatThrownBy(() -> engine.skip(planned.id(), install, " ")).isInstanceOf(RunRequestException.class);

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        org.springframework.security.core.context.SecurityContext ctx =
                org.springframework.security.core.context.SecurityContextHolder.getContext();
        List<Future<Boolean>> clicks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            clicks.add(two.submit(new org.springframework.security.concurrent.DelegatingSecurityContextCallable<>(() -> {
                go.await();
                try {
                    engine.retry(planned.id(), install, false);
                    return true;
                } catch (RunConflictException e) {
                    return false;
                }
            }, ctx)));
        }
        go.countDown();
        int accepted = 0;
        for (Future<Boolean> f : clicks) accepted += f.get() ? 1 : 0;
        two.shutdown();
        assertThat(accepted).isEqualTo(1);
        RunView again = awaitStatus(planned.id(), RunStatus.FAILED);
        assertThat(step(again, StepKey.SRV_INSTALL, A).attempts()).isEqualTo(2);
        engine.abort(planned.id(), "test over");
    }
}
