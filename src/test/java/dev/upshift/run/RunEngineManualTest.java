package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.upshift.procedure.ConfVariant;
import dev.upshift.procedure.StepKey;
import dev.upshift.remote.OutputListener;

/**
 * Manual mode: the operator runs the shown commands over their own SSH session and confirms; the panel still checks
 * what it can (membership, the installed version and conf, a running process, backup checksums) and waits for the
 * health gate before it asks for a stop.
 */
class RunEngineManualTest extends RunEngineTestSupport {

    @Autowired RunConfRepository confs;

    @Test
    @DisplayName("the operator runs the commands and confirms; the panel's verification catches a skipped stop")
    void manualMode() {
        RunView planned = plan(RunMode.MANUAL);
        engine.start(planned.id(), List.of("no-downgrade", "write-load"));
        RunView done = operate(planned.id(), w -> w.key().equals("SRV_STOP") && B.equals(w.server()), failed -> {
            assertThat(failed.key()).isEqualTo("SRV_STOP");
            assertThat(failed.server()).isEqualTo(B);
            assertThat(failed.diagnosis()).contains("confirmed by the operator, but")
                    .contains(B + " is still listed in dbms.cluster.overview()");
            engine.retry(planned.id(), failed.id(), false);   // the panel runs the stop this time
        });
        assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(cluster.versionsNow()).containsValues("3.4.6", "3.4.6", "3.4.6");
        assertThat(step(done, StepKey.SRV_INSTALL, C).notes()).contains("Confirmed by operator1: done by hand")
                .contains("confirmed by the operator and verified");
        assertThat(step(done, StepKey.PRE_BACKUP_CONF, A).notes()).as("the panel read the checksums back").contains("SHA-256");
        assertThat(step(done, StepKey.PRE_VERIFY_FULL_BACKUP, null).notes()).contains("full-backup/graph.db on").contains("2048 KB");
    }

    @Test
    @DisplayName("a confirmed install that was never done fails at once; fixed by hand and confirmed again, the run goes on")
    void forgottenInstall() {
        RunView planned = plan(RunMode.MANUAL);
        engine.start(planned.id(), List.of("no-downgrade", "write-load"));
        RunView done = operate(planned.id(), w -> w.key().equals("SRV_INSTALL") && A.equals(w.server()), failed -> {
            assertThat(failed.key()).isEqualTo("SRV_INSTALL");
            assertThat(failed.diagnosis()).contains("confirmed by the operator, but " + A)
                    .contains("Neo4j 3.4.6 is not installed in /srv/" + A + "/neo4j-enterprise-3.4.6")
                    .contains("bin/neo4j: not found");
            operatorDoes(planned.id(), failed);
            engine.confirm(planned.id(), failed.id(), "unpacked it now");
        });
        assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
        RunView.StepView install = step(done, StepKey.SRV_INSTALL, A);
        assertThat(install.attempts()).isEqualTo(2);
        assertThat(install.notes()).contains("Confirmed by operator1: unpacked it now");
        assertThat(cluster.execs).as("the panel itself never installed: the operator did")
                .noneMatch(e -> !e.wrapped() && e.command().startsWith("tar -xzf"));
    }

    @Test
    @DisplayName("a confirmed start with no process behind it fails at once with the status the server gave")
    void forgottenStart() {
        RunView planned = plan(RunMode.MANUAL);
        engine.start(planned.id(), List.of("no-downgrade", "write-load"));
        RunView done = operate(planned.id(), w -> w.key().equals("SRV_START") && B.equals(w.server()), failed -> {
            assertThat(failed.key()).isEqualTo("SRV_START");
            assertThat(failed.diagnosis()).contains(B + ": no Neo4j process runs").contains("Neo4j is not running");
            operatorDoes(planned.id(), failed);
            engine.confirm(planned.id(), failed.id(), null);
        });
        assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    @DisplayName("manual mode waits for the health gate before it asks the operator to stop a member")
    void gateBeforeAManualStop() {
        RunView planned = plan(RunMode.MANUAL);
        engine.start(planned.id(), List.of("no-downgrade", "write-load"));
        while (true) {
            RunView.StepView waiting = awaitOperator(planned.id());
            if (waiting.key().equals("ROLLING_WRITE_LOAD_ADVISORY")) {
                cluster.roles.remove(B);   // a core goes away just before the first stop
                engine.confirm(planned.id(), waiting.id(), null);
                break;
            }
            operatorDoes(planned.id(), waiting);
            engine.confirm(planned.id(), waiting.id(), null);
        }
        RunView failed = awaitStatus(planned.id(), RunStatus.FAILED);
        RunView.StepView stop = failed.steps().stream().filter(s -> s.status() == StepStatus.FAILED).findFirst().orElseThrow();
        assertThat(stop.key()).isEqualTo("SRV_STOP");
        assertThat(stop.diagnosis()).contains("health gate not met").contains(B + " is not in dbms.cluster.overview()");
        engine.abort(planned.id(), "test over");
    }

    /**
     * Plays the operator until the run ends: does each waiting step's commands and confirms it, except the first step
     * {@code toForget} picks, which is confirmed without doing it; a failed step goes to {@code onFailure} (once).
     */
    private RunView operate(Long runId, Predicate<RunView.StepView> toForget, Consumer<RunView.StepView> onFailure) {
        boolean forgotten = false;
        boolean failedOnce = false;
        while (true) {
            RunView run = await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> queries.get(runId),
                    r -> r.status() != RunStatus.RUNNING || r.steps().stream().anyMatch(x -> RunDriver.AWAITING_OPERATOR.equals(x.waitingReason())));
            if (run.status() == RunStatus.SUCCEEDED) {
                assertThat(forgotten && failedOnce).as("a step was forgotten and its check failed").isTrue();
                return run;
            }
            if (run.status() == RunStatus.FAILED) {
                assertThat(failedOnce).as("only the forgotten step fails: " + run.statusReason()).isFalse();
                failedOnce = true;
                onFailure.accept(run.steps().stream().filter(x -> x.status() == StepStatus.FAILED).findFirst().orElseThrow());
                continue;
            }
            RunView.StepView waiting = awaiting(run);
            boolean forget = !forgotten && toForget.test(waiting);
            if (!forget) operatorDoes(runId, waiting);
            forgotten |= forget;
            engine.confirm(runId, waiting.id(), forget ? "done (but it was not)" : "done by hand");
        }
    }

    private RunView.StepView awaitOperator(Long runId) {
        return awaiting(await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> queries.get(runId),
                r -> r.steps().stream().anyMatch(x -> RunDriver.AWAITING_OPERATOR.equals(x.waitingReason()))));
    }

    private static RunView.StepView awaiting(RunView run) {
        return run.steps().stream().filter(x -> RunDriver.AWAITING_OPERATOR.equals(x.waitingReason())).findFirst().orElseThrow();
    }

    /** What an operator would do with the commands the step shows, over their own SSH session. */
    private void operatorDoes(Long runId, RunView.StepView step) {
        for (StepCommand c : step.commands()) {
            switch (c.type()) {
                case "shell" -> cluster.exec(cluster.ssh(clusterId, c.server()), c.line(), Duration.ofSeconds(5), OutputListener.NONE);
                case "upload-conf" -> cluster.upload(cluster.ssh(clusterId, c.server()), confs.findByRunIdAndServerAndVariant(
                        runId, c.server(), ConfVariant.valueOf(c.variant())).orElseThrow().getContent().getBytes(StandardCharsets.UTF_8), c.path());
                default -> { }
            }
        }
    }
}
