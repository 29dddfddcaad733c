package dev.upshift.run;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.upshift.audit.AuditLog;
import dev.upshift.security.CurrentActor;

/**
 * Every change of a run's or a step's status, each in its own short transaction together with its audit event, and
 * announced after commit ({@link RunChanged}, {@link RunStepChanged}). The engine commits a step's RUNNING before its
 * first command and its outcome after the last, so a crash can always be told apart from a finished step.
 */
@Component
public class RunTransitions {

    private final RunRepository runs;
    private final RunStepRepository steps;
    private final AuditLog audit;
    private final RunApprovals approvals;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    RunTransitions(RunRepository runs, RunStepRepository steps, AuditLog audit, RunApprovals approvals,
                   ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.runs = runs;
        this.steps = steps;
        this.audit = audit;
        this.approvals = approvals;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    // ---- the run ---------------------------------------------------------------------------------------------

    /** PLANNED → RUNNING; on a cluster that requires approval only with a valid approval ({@link RunApprovals}). */
    Run start(Long runId, List<String> acks) {
        try {
            return inTx(() -> {
                Run run = run(runId);
                runs.findByActiveClusterId(run.getClusterId()).filter(other -> !other.getId().equals(runId))
                        .ifPresent(other -> { throw activeElsewhere(run, other.getId()); });
                List<String> approvedBy = run.getStatus() == RunStatus.PLANNED ? approvals.requireApproval(run) : List.of();
                run.start(acks, CurrentActor.name(), clock.instant());
                runs.saveAndFlush(run);   // the unique index on active_cluster_id decides a race between two starts
                Map<String, Object> d = details(run, "acknowledged", acks);
                if (!approvedBy.isEmpty()) d.put("approvedBy", approvedBy);
                audit.record("run.started", "run", String.valueOf(runId), d);
                announce(run);
                milestone(RunMilestone.Kind.RUN_STARTED, run, null);
                return run;
            });
        } catch (ApprovalRequiredException e) {
            approvals.recordRefusal(e);   // the start rolled back; the refusal is recorded on its own
            throw e;
        } catch (DataIntegrityViolationException e) {
            Long other = inTx(() -> runs.findByClusterIdOrderByCreatedAtDescIdDesc(run(runId).getClusterId()).stream()
                    .filter(r -> r.getActiveClusterId() != null).map(Run::getId).findFirst().orElse(null));
            throw new RunConflictException("Run " + runId + " was not started: another run"
                    + (other == null ? "" : " (" + other + ")") + " became active on this cluster at the same moment;"
                    + " a cluster has one active run at a time.", other);
        }
    }

    Run pause(Long runId) {
        return change(runId, "run.paused", run -> run.pause("Paused by " + CurrentActor.name()
                + "; the step in progress, if any, finishes first."));
    }

    Run resume(Long runId) {
        return change(runId, "run.resumed", Run::resume);
    }

    Run abort(Long runId, String reason, boolean stepInFlight) {
        String why = reason == null || reason.isBlank() ? "Aborted by " + CurrentActor.name() : reason.trim();
        return change(runId, "run.aborted", run -> run.abort(why, clock.instant(), stepInFlight),
                RunMilestone.Kind.RUN_FINISHED);
    }

    Run succeed(Long runId) {
        return change(runId, "run.succeeded", run -> run.succeed(clock.instant()), RunMilestone.Kind.RUN_FINISHED);
    }

    Run interrupt(Long runId, String reason) {
        return change(runId, "run.interrupted", run -> run.interrupt(reason), RunMilestone.Kind.RUN_INTERRUPTED);
    }

    /** A run aborted while a step was executing lets go of the cluster once that step has ended. */
    void releaseIfAborted(Long runId) {
        inTx(() -> {
            Run run = run(runId);
            if (run.getStatus() == RunStatus.ABORTED && run.getActiveClusterId() != null) {
                run.release();
                audit.record("run.released", "run", String.valueOf(runId),
                        details(run, "reason", "the step in flight at the abort has ended"));
                announce(run);
            }
            return null;
        });
    }

    // ---- steps -----------------------------------------------------------------------------------------------

    RunStep beginStep(Long stepId) {
        return stepChange(stepId, "step.started", (run, step) -> {
            if (run.getStatus() != RunStatus.RUNNING) {
                throw new RunConflictException("Step " + stepId + " was not started: run " + run.getId() + " is "
                        + run.getStatus() + ".");
            }
            step.begin(CurrentActor.name(), clock.instant());
            return Map.of("attempt", step.getAttempts());
        });
    }

    /** The operator retries the step the run stands on (FAILED, or RUNNING when interrupted); the run runs again. */
    RunStep retryStep(Long runId, Long stepId, boolean confirmUnsafe) {
        return stepChange(stepId, "step.retried", (run, step) -> {
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
            step.restart(CurrentActor.name(), clock.instant());
            announce(run);
            return Map.of("attempt", step.getAttempts(), "confirmUnsafe", confirmUnsafe);
        });
    }

    /** Manual mode: the panel takes over the waiting step and runs its commands. */
    RunStep takeOver(Long runId, Long stepId) {
        return stepChange(stepId, "step.taken-over", (run, step) -> {
            requireOf(run, step, runId);
            requireAwaitingOperator(run, step);
            step.waiting("The panel runs this step's commands (asked by " + CurrentActor.name() + ").");
            return Map.of();
        });
    }

    /** The operator confirms a waiting (manual) or interrupted step; the panel then runs the verifications it can. */
    RunStep confirm(Long runId, Long stepId, String note) {
        return stepChange(stepId, "step.confirmed", (run, step) -> {
            requireOf(run, step, runId);
            boolean interrupted = step.getStatus() == StepStatus.RUNNING && run.getStatus() == RunStatus.INTERRUPTED;
            if (!interrupted) requireAwaitingOperator(run, step);
            if (interrupted) {
                run.resume();
                announce(run);
            }
            step.waiting("Confirmed by " + CurrentActor.name() + "; verifying.");
            step.addNote("Confirmed by " + CurrentActor.name() + (note == null || note.isBlank() ? "" : ": " + note.trim()));
            return note == null || note.isBlank() ? Map.of() : Map.of("note", note.trim());
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

    /** Not a transition: the visible reason a started step has not sent its commands yet (no audit event). */
    void waiting(Long stepId, String reason) {
        inTx(() -> {
            RunStep step = step(stepId);
            if (step.getStatus() == StepStatus.RUNNING && !java.util.Objects.equals(reason, step.getWaitingReason())) {
                step.waiting(reason);
                announce(step);
            }
            return null;
        });
    }

    RunStep commandsStarted(Long stepId) {
        return inTx(() -> {
            RunStep step = step(stepId);
            step.commandsStarted(clock.instant());
            announce(step);
            return step;
        });
    }

    RunStep succeedStep(Long stepId, Integer exitCode, String note, int kept, int dropped) {
        return stepChange(stepId, "step.succeeded", (run, step) -> {
            step.succeed(exitCode, note, clock.instant());
            step.outputCounted(kept, dropped);
            Map<String, Object> d = new LinkedHashMap<>();
            if (exitCode != null) d.put("exitCode", exitCode);
            if (note != null) d.put("note", note);
            return d;
        });
    }

    /** The step fails and the run halts on it, in one transaction: nothing after it runs by itself. */
    RunStep failStep(Long stepId, Integer exitCode, String summary, String diagnosis, int kept, int dropped) {
        return stepChange(stepId, "step.failed", (run, step) -> {
            step.fail(exitCode, diagnosis, clock.instant());
            step.outputCounted(kept, dropped);
            RunMilestone.StepRef failed = new RunMilestone.StepRef(step.getKey().name(), step.getServer(), step.getStatus());
            milestone(RunMilestone.Kind.STEP_FAILED, run, failed);
            if (run.getStatus() == RunStatus.RUNNING || run.getStatus() == RunStatus.PAUSED
                    || run.getStatus() == RunStatus.INTERRUPTED) {
                run.fail("Step " + step.getKey() + (step.getServer() == null ? "" : " on " + step.getServer())
                        + " failed: " + summary, clock.instant());
                audit.record("run.failed", "run", String.valueOf(run.getId()), details(run, "step", stepId));
                announce(run);
                milestone(RunMilestone.Kind.RUN_FINISHED, run, failed);
            }
            Map<String, Object> d = new LinkedHashMap<>();
            if (exitCode != null) d.put("exitCode", exitCode);
            d.put("summary", summary);
            return d;
        });
    }

    /** A started step that sent no command goes back to PENDING (e.g. paused while its gate waited). */
    RunStep resetUnstarted(Long stepId, String note) {
        return stepChange(stepId, "step.reset", (run, step) -> {
            step.resetUnstarted(note);
            return Map.of("note", note);
        });
    }

    /** The operator skips a PENDING or FAILED step; a FAILED run becomes PAUSED (resume continues after it). */
    RunStep skipStep(Long stepId, String reason) {
        return stepChange(stepId, "step.skipped", (run, step) -> {
            if (run.getStatus().isFinished()) {
                throw new RunConflictException("Run " + run.getId() + " is " + run.getStatus() + ": its steps can no longer change.");
            }
            step.skip(reason, CurrentActor.name(), clock.instant());
            if (run.getStatus() == RunStatus.FAILED || run.getStatus() == RunStatus.INTERRUPTED) {
                run.holdAfterSkip("Step " + step.getKey() + " was skipped; resume to continue after it.");
                announce(run);
            }
            return Map.of("reason", reason.trim());
        });
    }

    void note(Long stepId, String note) {
        inTx(() -> {
            step(stepId).addNote(note);
            return null;
        });
    }

    /** Moves steps to new positions (leadership moved: the rolling order is re-applied). Two passes: positions are unique. */
    void reorder(Long runId, Map<Long, Integer> newPositions, String why) {
        inTx(() -> {
            List<RunStep> moved = newPositions.keySet().stream().map(this::step).toList();
            moved.forEach(s -> s.moveTo(-s.getPosition() - 1));
            steps.flush();
            moved.forEach(s -> s.moveTo(newPositions.get(s.getId())));
            audit.record("run.reordered", "run", String.valueOf(runId), Map.of("reason", why));
            return null;
        });
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private Run change(Long runId, String action, java.util.function.Consumer<Run> transition) {
        return change(runId, action, transition, null);
    }

    /** A run transition; {@code milestone}, when not null, is announced with it (after commit) for webhooks. */
    private Run change(Long runId, String action, java.util.function.Consumer<Run> transition, RunMilestone.Kind milestone) {
        return inTx(() -> {
            Run run = run(runId);
            RunStatus before = run.getStatus();
            transition.accept(run);
            runs.saveAndFlush(run);
            audit.record(action, "run", String.valueOf(runId), details(run, "from", before.name()));
            announce(run);
            if (milestone != null) milestone(milestone, run, null);
            return run;
        });
    }

    private RunStep stepChange(Long stepId, String action, java.util.function.BiFunction<Run, RunStep, Map<String, ?>> change) {
        return inTx(() -> {
            RunStep step = step(stepId);
            Run run = run(step.getRunId());
            Map<String, ?> extra = change.apply(run, step);
            steps.saveAndFlush(step);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("run", run.getId());
            d.put("key", step.getKey().name());
            if (step.getServer() != null) d.put("server", step.getServer());
            d.put("status", step.getStatus().name());
            d.putAll(extra);
            audit.record(action, "run_step", String.valueOf(stepId), d);
            announce(step);
            return step;
        });
    }

    private <T> T inTx(java.util.function.Supplier<T> work) {
        try {
            return tx.execute(s -> work.get());
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new RunConflictException("Someone else changed this run at the same moment; reload and try again.");
        }
    }

    private Run run(Long id) {
        return runs.findById(id).orElseThrow(() -> new RunNotFoundException("No run " + id + "."));
    }

    private RunStep step(Long id) {
        return steps.findById(id).orElseThrow(() -> new RunNotFoundException("No step " + id + "."));
    }

    private static RunConflictException activeElsewhere(Run run, Long other) {
        return new RunConflictException("Run " + run.getId() + " was not started: run " + other + " is active on cluster "
                + run.getClusterName() + " (a cluster has one active run at a time; finish or abort run " + other + ").", other);
    }

    private static Map<String, Object> details(Run run, String key, Object value) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("cluster", run.getClusterId());
        d.put("status", run.getStatus().name());
        d.put(key, value);
        if (run.getStatusReason() != null) d.put("reason", run.getStatusReason());
        return d;
    }

    private void announce(Run run) {
        events.publishEvent(new RunChanged(run.getId(), run.getClusterId(), run.getStatus(), run.getStatusReason()));
    }

    private void milestone(RunMilestone.Kind kind, Run run, RunMilestone.StepRef step) {
        events.publishEvent(new RunMilestone(kind, run.getId(), run.getClusterId(), run.getClusterName(), run.getStatus(),
                step, clock.instant()));
    }

    private void announce(RunStep step) {
        events.publishEvent(new RunStepChanged(step.getRunId(), step.getId(), step.getKey(), step.getServer(),
                step.getStatus(), step.getWaitingReason()));
    }

}
