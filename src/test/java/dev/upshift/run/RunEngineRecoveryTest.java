package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
 * Off the straight path: recovery after the panel stopped mid-run, simultaneous starts and clicks, and manual mode
 * where the operator runs the commands.
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

    @Test
    @DisplayName("manual mode: the operator runs the commands and confirms; the panel's verification catches a skipped one")
    void manualMode() {
        RunView planned = plan(RunMode.MANUAL);
        engine.start(planned.id(), List.of("no-downgrade", "write-load"));
        boolean forgotten = false;
        while (true) {
            RunView run = await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> queries.get(planned.id()),
                    r -> r.status() != RunStatus.RUNNING || r.steps().stream().anyMatch(x -> RunDriver.AWAITING_OPERATOR.equals(x.waitingReason())));
            if (run.status() == RunStatus.SUCCEEDED) break;
            if (run.status() == RunStatus.FAILED) {
                RunView.StepView failed = run.steps().stream().filter(x -> x.status() == StepStatus.FAILED).findFirst().orElseThrow();
                assertThat(failed.key()).isEqualTo("SRV_STOP");
                assertThat(failed.server()).isEqualTo(B);
                assertThat(failed.diagnosis()).contains(B + " is still listed in dbms.cluster.overview()");
                engine.retry(planned.id(), failed.id(), false);   // the panel runs the stop this time
                continue;
            }
            RunView.StepView waiting = run.steps().stream().filter(x -> RunDriver.AWAITING_OPERATOR.equals(x.waitingReason()))
                    .findFirst().orElseThrow();
            boolean forget = !forgotten && waiting.key().equals("SRV_STOP") && B.equals(waiting.server());
            if (!forget) operatorDoes(waiting);
            forgotten |= forget;
            engine.confirm(planned.id(), waiting.id(), forget ? "done (but it was not)" : "done by hand");
        }
        assertThat(forgotten).isTrue();
        assertThat(cluster.versionsNow()).containsValues("3.4.6", "3.4.6", "3.4.6");
        RunView done = queries.get(planned.id());
        assertThat(step(done, StepKey.SRV_INSTALL, C).notes()).contains("Confirmed by operator1: done by hand");
    }

    /** What an operator would do with the commands the step shows, over their own SSH session. */
    private void operatorDoes(RunView.StepView step) {
        for (StepCommand c : step.commands()) {
            switch (c.type()) {
                case "shell" -> cluster.exec(cluster.ssh(clusterId, c.server()), c.line(), Duration.ofSeconds(5),
                        dev.upshift.remote.OutputListener.NONE);
                case "upload-conf" -> cluster.upload(cluster.ssh(clusterId, c.server()), "conf".getBytes(), c.path());
                default -> { }
            }
        }
    }
}
