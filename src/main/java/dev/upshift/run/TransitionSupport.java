package dev.upshift.run;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.upshift.audit.AuditLog;

/**
 * What every transition shares: its own short transaction (a lost optimistic lock becomes a
 * {@link RunConflictException}), its audit event in that same transaction, and the events published inside it, which
 * listeners only see after commit ({@link RunChanged}, {@link RunStepChanged}, {@link RunMilestone}).
 */
@Component
class TransitionSupport {

    private final RunRepository runs;
    private final RunStepRepository steps;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    TransitionSupport(RunRepository runs, RunStepRepository steps, AuditLog audit, ApplicationEventPublisher events,
                      TransactionTemplate tx, Clock clock) {
        this.runs = runs;
        this.steps = steps;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    /** A run transition; {@code milestone}, when not null, is announced with it (after commit) for webhooks. */
    Run change(Long runId, String action, Consumer<Run> transition, RunMilestone.Kind milestone) {
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

    /** A step transition: {@code change} checks and changes the step (and its run) and returns extra audit details. */
    RunStep stepChange(Long stepId, String action, BiFunction<Run, RunStep, Map<String, ?>> change) {
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

    <T> T inTx(Supplier<T> work) {
        try {
            return tx.execute(s -> work.get());
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new RunConflictException("Someone else changed this run at the same moment; reload and try again.");
        }
    }

    /** An audit event of the run, in the transaction of the caller. */
    void auditRun(String action, Long runId, Map<String, ?> details) {
        audit.record(action, "run", String.valueOf(runId), details);
    }

    Run run(Long id) {
        return runs.findById(id).orElseThrow(() -> new RunNotFoundException("No run " + id + "."));
    }

    RunStep step(Long id) {
        return steps.findById(id).orElseThrow(() -> new RunNotFoundException("No step " + id + "."));
    }

    static Map<String, Object> details(Run run, String key, Object value) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("cluster", run.getClusterId());
        d.put("status", run.getStatus().name());
        d.put(key, value);
        if (run.getStatusReason() != null) d.put("reason", run.getStatusReason());
        return d;
    }

    void announce(Run run) {
        events.publishEvent(new RunChanged(run.getId(), run.getClusterId(), run.getStatus(), run.getStatusReason()));
    }

    void announce(RunStep step) {
        events.publishEvent(new RunStepChanged(step.getRunId(), step.getId(), step.getKey(), step.getServer(),
                step.getStatus(), step.getWaitingReason()));
    }

    void milestone(RunMilestone.Kind kind, Run run, RunMilestone.StepRef step) {
        events.publishEvent(new RunMilestone(kind, run.getId(), run.getClusterId(), run.getClusterName(), run.getStatus(),
                step, clock.instant()));
    }
}
