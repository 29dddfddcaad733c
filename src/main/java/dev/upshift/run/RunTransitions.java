package dev.upshift.run;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Every change of a run's or a step's status, each in its own short transaction together with its audit event, and
 * announced after commit ({@link RunChanged}, {@link RunStepChanged}, {@link RunMilestone}); a concurrent change ends
 * in a {@link RunConflictException}. The engine commits a step's RUNNING before its first command and its outcome after
 * the last, so a crash can always be told apart from a finished step.
 *
 * <p>The one entry point for the engine, driver, executor and recovery; the work is split by responsibility:
 * {@link RunStatusTransitions} (the run, with approval gating at start), {@link StepTransitions} (a step as the engine
 * drives it), {@link OperatorStepTransitions} (retry, take over, confirm, skip) and {@link TransitionSupport} (the
 * shared transaction, audit and announcement).
 */
@Component
public class RunTransitions {

    private final RunStatusTransitions runs;
    private final StepTransitions steps;
    private final OperatorStepTransitions operator;

    RunTransitions(RunStatusTransitions runs, StepTransitions steps, OperatorStepTransitions operator) {
        this.runs = runs;
        this.steps = steps;
        this.operator = operator;
    }

    // ---- the run ---------------------------------------------------------------------------------------------

    /** PLANNED → RUNNING; on a cluster that requires approval only with a valid approval ({@link RunApprovals}). */
    Run start(Long runId, List<String> acks) {
        return runs.start(runId, acks);
    }

    Run pause(Long runId) {
        return runs.pause(runId);
    }

    Run resume(Long runId) {
        return runs.resume(runId);
    }

    Run abort(Long runId, String reason, boolean stepInFlight) {
        return runs.abort(runId, reason, stepInFlight);
    }

    Run succeed(Long runId) {
        return runs.succeed(runId);
    }

    Run interrupt(Long runId, String reason) {
        return runs.interrupt(runId, reason);
    }

    /** A run aborted while a step was executing lets go of the cluster once that step has ended. */
    void releaseIfAborted(Long runId) {
        runs.releaseIfAborted(runId);
    }

    // ---- steps, as the engine drives them ----------------------------------------------------------------------

    RunStep beginStep(Long stepId) {
        return steps.beginStep(stepId);
    }

    /** Not a transition: the visible reason a started step has not sent its commands yet (no audit event). */
    void waiting(Long stepId, String reason) {
        steps.waiting(stepId, reason);
    }

    RunStep commandsStarted(Long stepId) {
        return steps.commandsStarted(stepId);
    }

    RunStep succeedStep(Long stepId, Integer exitCode, String note, int kept, int dropped) {
        return steps.succeedStep(stepId, exitCode, note, kept, dropped);
    }

    /** The step fails and the run halts on it, in one transaction: nothing after it runs by itself. */
    RunStep failStep(Long stepId, Integer exitCode, String summary, String diagnosis, int kept, int dropped) {
        return steps.failStep(stepId, exitCode, summary, diagnosis, kept, dropped);
    }

    /** A started step that sent no command goes back to PENDING (e.g. paused while its gate waited). */
    RunStep resetUnstarted(Long stepId, String note) {
        return steps.resetUnstarted(stepId, note);
    }

    void note(Long stepId, String note) {
        steps.note(stepId, note);
    }

    /** Moves steps to new positions (leadership moved: the rolling order is re-applied). */
    void reorder(Long runId, Map<Long, Integer> newPositions, String why) {
        steps.reorder(runId, newPositions, why);
    }

    // ---- steps, by the operator --------------------------------------------------------------------------------

    /** The operator retries the step the run stands on (FAILED, or RUNNING when interrupted); the run runs again. */
    RunStep retryStep(Long runId, Long stepId, boolean confirmUnsafe) {
        return operator.retryStep(runId, stepId, confirmUnsafe);
    }

    /** Manual mode: the panel takes over the waiting step and runs its commands. */
    RunStep takeOver(Long runId, Long stepId) {
        return operator.takeOver(runId, stepId);
    }

    /** The operator confirms a waiting (manual) or interrupted step; the panel then runs the verifications it can. */
    RunStep confirm(Long runId, Long stepId, String note) {
        return operator.confirm(runId, stepId, note);
    }

    /** The operator skips a PENDING or FAILED step; a FAILED run becomes PAUSED (resume continues after it). */
    RunStep skipStep(Long stepId, String reason) {
        return operator.skipStep(stepId, reason);
    }
}
