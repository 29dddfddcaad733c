package dev.upshift.run;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.upshift.security.CurrentActor;

/**
 * What the operator does to the step a run stands on: retry, take over, confirm, skip. Each checks that the step
 * belongs to the run and is in a state that allows the action (else {@link RunConflictException}), and may move the
 * run along with it, in the step's transaction.
 */
@Component
class OperatorStepTransitions {

    private final TransitionSupport support;

    OperatorStepTransitions(TransitionSupport support) {
        this.support = support;
    }

    /** The operator retries the step the run stands on (FAILED, or RUNNING when interrupted); the run runs again. */
    RunStep retryStep(Long runId, Long stepId, boolean confirmUnsafe) {
        return support.stepChange(stepId, "step.retried", (run, step) -> {
            requireOf(run, step, runId);
            boolean interrupted = step.getStatus() == StepStatus.RUNNING && run.getStatus() == RunStatus.INTERRUPTED;
            if (step.getStatus() != StepStatus.FAILED && !interrupted) {
                throw new RunConflictException("Step " + stepId + " (" + step.getKey() + ") is " + step.getStatus()
                        + (step.getStatus() == StepStatus.RUNNING ? " and the run is " + run.getStatus() : "")
                        + ": only a failed or interrupted step is retried.");
            }
            if (!step.isRetrySafe() && !confirmUnsafe) {
                throw new RunRequestException("Step " + step.getKey() + " is not safe to run twice without a look at the "
                        + "server first (" + step.getSection() + "). Check it, then retry with {\"confirmUnsafe\": true}.");
            }
            run.retry();
            step.restart(CurrentActor.name(), support.now());
            support.announce(run);
            return Map.of("attempt", step.getAttempts(), "confirmUnsafe", confirmUnsafe);
        });
    }

    /** Manual mode: the panel takes over the waiting step and runs its commands. */
    RunStep takeOver(Long runId, Long stepId) {
        return support.stepChange(stepId, "step.taken-over", (run, step) -> {
            requireOf(run, step, runId);
            requireAwaitingOperator(run, step);
            step.waiting("The panel runs this step's commands (asked by " + CurrentActor.name() + ").");
            return Map.of();
        });
    }

    /**
     * The operator confirms a waiting (manual) or interrupted step, or — in manual mode — a step whose check failed
     * after they fixed it by hand; the panel then runs the verifications it can.
     */
    RunStep confirm(Long runId, Long stepId, String note) {
        return support.stepChange(stepId, "step.confirmed", (run, step) -> {
            requireOf(run, step, runId);
            boolean interrupted = step.getStatus() == StepStatus.RUNNING && run.getStatus() == RunStatus.INTERRUPTED;
            boolean fixedByHand = step.getStatus() == StepStatus.FAILED && run.getStatus() == RunStatus.FAILED
                    && run.getMode() == RunMode.MANUAL;
            if (!interrupted && !fixedByHand) requireAwaitingOperator(run, step);
            if (interrupted) {
                run.resume();
                support.announce(run);
            }
            if (fixedByHand) {
                // as a retry, but the operator did the work: only the panel's checks run again
                run.retry();
                step.restart(CurrentActor.name(), support.now());
                support.announce(run);
            }
            step.waiting("Confirmed by " + CurrentActor.name() + "; verifying.");
            step.addNote("Confirmed by " + CurrentActor.name() + (note == null || note.isBlank() ? "" : ": " + note.trim()));
            return note == null || note.isBlank() ? Map.of() : Map.of("note", note.trim());
        });
    }

    /** The operator skips a PENDING or FAILED step; a FAILED run becomes PAUSED (resume continues after it). */
    RunStep skipStep(Long stepId, String reason) {
        return support.stepChange(stepId, "step.skipped", (run, step) -> {
            if (run.getStatus().isFinished()) {
                throw new RunConflictException("Run " + run.getId() + " is " + run.getStatus() + ": its steps can no longer change.");
            }
            step.skip(reason, CurrentActor.name(), support.now());
            if (run.getStatus() == RunStatus.FAILED || run.getStatus() == RunStatus.INTERRUPTED) {
                run.holdAfterSkip("Step " + step.getKey() + " was skipped; resume to continue after it.");
                support.announce(run);
            }
            return Map.of("reason", reason.trim());
        });
    }

    private static void requireOf(Run run, RunStep step, Long runId) {
        if (!run.getId().equals(runId)) throw new RunNotFoundException("Run " + runId + " has no step " + step.getId() + ".");
    }

    private static void requireAwaitingOperator(Run run, RunStep step) {
        if (run.getStatus() != RunStatus.RUNNING || step.getStatus() != StepStatus.RUNNING
                || !RunDriver.AWAITING_OPERATOR.equals(step.getWaitingReason())) {
            throw new RunConflictException("Step " + step.getId() + " (" + step.getKey() + ") is not waiting for the operator"
                    + " (step " + step.getStatus() + ", run " + run.getStatus() + ").");
        }
    }
}
