package dev.upshift.run;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Crash safety at start-up. A run the panel was driving when it stopped (RUNNING, or PAUSED/ABORTED with a step
 * still RUNNING) cannot be trusted to be where its record says: it becomes INTERRUPTED at the step that was in flight
 * and nothing runs by itself. A step that had not sent a command yet goes back to PENDING (nothing of it happened);
 * one that had is left RUNNING so the operator sees what was in flight and chooses: resume (verify-and-continue),
 * retry, or abort.
 */
@Component
class RunRecovery {

    private static final Logger log = LoggerFactory.getLogger(RunRecovery.class);

    private final RunRepository runs;
    private final RunStepRepository steps;
    private final RunTransitions transitions;
    private final TransactionTemplate tx;

    RunRecovery(RunRepository runs, RunStepRepository steps, RunTransitions transitions, TransactionTemplate tx) {
        this.runs = runs;
        this.steps = steps;
        this.transitions = transitions;
        this.tx = tx;
    }

    @EventListener(ApplicationReadyEvent.class)
    void recover() {
        List<Run> candidates = tx.execute(s -> runs.findByStatusIn(List.of(RunStatus.RUNNING, RunStatus.PAUSED, RunStatus.ABORTED))
                .stream().filter(r -> r.getStatus() == RunStatus.RUNNING || r.getActiveClusterId() != null).toList());
        for (Run run : candidates) {
            try {
                recover(run);
            } catch (RuntimeException e) {
                log.error("Could not mark run {} as interrupted", run.getId(), e);
            }
        }
    }

    private void recover(Run run) {
        List<RunStep> inFlight = tx.execute(s -> steps.findByRunIdOrderByPosition(run.getId()).stream()
                .filter(x -> x.getStatus() == StepStatus.RUNNING).toList());
        if (run.getStatus() == RunStatus.ABORTED) {
            for (RunStep step : inFlight) {
                transitions.failStep(step.getId(), null, "the panel stopped while this step ran after the abort",
                        "The panel stopped while this step was in flight; the run had been aborted.", 0, 0);
            }
            transitions.releaseIfAborted(run.getId());
            return;
        }
        if (run.getStatus() == RunStatus.PAUSED && inFlight.isEmpty()) return;
        String at = "";
        for (RunStep step : inFlight) {
            if (step.getCommandsStartedAt() == null) {
                transitions.resetUnstarted(step.getId(), "The panel stopped before this step sent any command; it is pending again.");
            } else {
                at = " at step " + step.getKey() + (step.getServer() == null ? "" : " on " + step.getServer())
                        + " (started " + step.getCommandsStartedAt() + ", outcome unknown)";
            }
        }
        transitions.interrupt(run.getId(), "The panel stopped while this run was " + run.getStatus() + at
                + ". Nothing runs by itself: resume to verify and continue, retry the step, or abort.");
        log.warn("Run {} was interrupted{}", run.getId(), at);
    }
}
