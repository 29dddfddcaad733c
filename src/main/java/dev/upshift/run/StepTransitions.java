package dev.upshift.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

import dev.upshift.security.CurrentActor;

/**
 * A step's life as the engine drives it: begun (RUNNING, committed before its first command), commands sent, and its
 * outcome (committed after the last), so a crash can always be told apart from a finished step. A failed step halts
 * its run in the same transaction. Also the bookkeeping that is not a transition: waiting reasons, notes, reordering.
 */
@Component
class StepTransitions {

    private final TransitionSupport support;
    private final RunStepRepository steps;

    StepTransitions(TransitionSupport support, RunStepRepository steps) {
        this.support = support;
        this.steps = steps;
    }

    RunStep beginStep(Long stepId) {
        return support.stepChange(stepId, "step.started", (run, step) -> {
            if (run.getStatus() != RunStatus.RUNNING) {
                throw new RunConflictException("Step " + stepId + " was not started: run " + run.getId() + " is "
                        + run.getStatus() + ".");
            }
            step.begin(CurrentActor.name(), support.now());
            return Map.of("attempt", step.getAttempts());
        });
    }

    /** Not a transition: the visible reason a started step has not sent its commands yet (no audit event). */
    void waiting(Long stepId, String reason) {
        support.inTx(() -> {
            RunStep step = support.step(stepId);
            if (step.getStatus() == StepStatus.RUNNING && !Objects.equals(reason, step.getWaitingReason())) {
                step.waiting(reason);
                support.announce(step);
            }
            return null;
        });
    }

    RunStep commandsStarted(Long stepId) {
        return support.inTx(() -> {
            RunStep step = support.step(stepId);
            step.commandsStarted(support.now());
            support.announce(step);
            return step;
        });
    }

    RunStep succeedStep(Long stepId, Integer exitCode, String note, int kept, int dropped) {
        return support.stepChange(stepId, "step.succeeded", (run, step) -> {
            step.succeed(exitCode, note, support.now());
            step.outputCounted(kept, dropped);
            Map<String, Object> d = new LinkedHashMap<>();
            if (exitCode != null) d.put("exitCode", exitCode);
            if (note != null) d.put("note", note);
            return d;
        });
    }

    /** The step fails and the run halts on it, in one transaction: nothing after it runs by itself. */
    RunStep failStep(Long stepId, Integer exitCode, String summary, String diagnosis, int kept, int dropped) {
        return support.stepChange(stepId, "step.failed", (run, step) -> {
            step.fail(exitCode, diagnosis, support.now());
            step.outputCounted(kept, dropped);
            RunMilestone.StepRef failed = new RunMilestone.StepRef(step.getKey().name(), step.getServer(), step.getStatus());
            support.milestone(RunMilestone.Kind.STEP_FAILED, run, failed);
            if (run.getStatus() == RunStatus.RUNNING || run.getStatus() == RunStatus.PAUSED
                    || run.getStatus() == RunStatus.INTERRUPTED) {
                run.fail("Step " + step.getKey() + (step.getServer() == null ? "" : " on " + step.getServer())
                        + " failed: " + summary, support.now());
                support.auditRun("run.failed", run.getId(), TransitionSupport.details(run, "step", stepId));
                support.announce(run);
                support.milestone(RunMilestone.Kind.RUN_FINISHED, run, failed);
            }
            Map<String, Object> d = new LinkedHashMap<>();
            if (exitCode != null) d.put("exitCode", exitCode);
            d.put("summary", summary);
            return d;
        });
    }

    /** A started step that sent no command goes back to PENDING (e.g. paused while its gate waited). */
    RunStep resetUnstarted(Long stepId, String note) {
        return support.stepChange(stepId, "step.reset", (run, step) -> {
            step.resetUnstarted(note);
            return Map.of("note", note);
        });
    }

    void note(Long stepId, String note) {
        support.inTx(() -> {
            support.step(stepId).addNote(note);
            return null;
        });
    }

    /** Moves steps to new positions (leadership moved: the rolling order is re-applied). Two passes: positions are unique. */
    void reorder(Long runId, Map<Long, Integer> newPositions, String why) {
        support.inTx(() -> {
            List<RunStep> moved = newPositions.keySet().stream().map(support::step).toList();
            moved.forEach(s -> s.moveTo(-s.getPosition() - 1));
            steps.flush();
            moved.forEach(s -> s.moveTo(newPositions.get(s.getId())));
            support.auditRun("run.reordered", runId, Map.of("reason", why));
            return null;
        });
    }
}
