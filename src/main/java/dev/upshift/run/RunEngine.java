package dev.upshift.run;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.upshift.monitor.ClusterMonitor;
import dev.upshift.security.Roles;

/**
 * The run engine: what an operator can do to a run, and the background work it starts.
 *
 * <p>Each run has its own single-threaded worker, so the steps of one run never overlap and two clicks can only
 * queue, never run side by side; the worker runs {@link RunDriver}, which executes steps through {@link StepExecutor}
 * (gate, commands over SSH/Bolt, verification through the monitor). Every action first commits its transition with
 * its audit event ({@link RunTransitions}) and only then hands work to the worker; the transition's status check
 * and the optimistic lock make a repeated action fail with a conflict instead of acting twice. The worker carries the
 * security context of the operator who set it going, so the audit trail names them for the steps it runs. While a
 * run holds its cluster the monitor polls that cluster every second.
 */
@Service
public class RunEngine {

    private static final Logger log = LoggerFactory.getLogger(RunEngine.class);

    private final RunTransitions transitions;
    private final RunDriver driver;
    private final RunRepository runs;
    private final RunStepRepository steps;
    private final ObjectProvider<ClusterMonitor> monitor;
    private final TransactionTemplate tx;
    private final Map<Long, ThreadPoolExecutor> workers = new ConcurrentHashMap<>();

    RunEngine(RunTransitions transitions, RunDriver driver, RunRepository runs, RunStepRepository steps,
              ObjectProvider<ClusterMonitor> monitor, TransactionTemplate tx) {
        this.transitions = transitions;
        this.driver = driver;
        this.runs = runs;
        this.steps = steps;
        this.monitor = monitor;
        this.tx = tx;
    }

    @PreAuthorize(Roles.ADMIN_OR_OPERATOR)
    public void start(Long runId, List<String> acknowledge) {
        Run run = transitions.start(runId, acknowledge == null ? List.of() : acknowledge);
        watch(run.getClusterId(), true);
        submit(runId, () -> driver.drive(runId));
    }

    @PreAuthorize(Roles.ADMIN_OR_OPERATOR)
    public void pause(Long runId) {
        transitions.pause(runId);
    }

    /** PAUSED: go on with the next step. INTERRUPTED: verify the step that was in flight, then go on (verify-and-continue). */
    @PreAuthorize(Roles.ADMIN_OR_OPERATOR)
    public void resume(Long runId) {
        RunStep inFlight = inFlight(runId);
        Run run = transitions.resume(runId);
        watch(run.getClusterId(), true);
        if (inFlight != null && inFlight.getCommandsStartedAt() != null) {
            submit(runId, () -> driver.verifyThenDrive(runId, inFlight.getId(), false));
        } else {
            submit(runId, () -> driver.drive(runId));
        }
    }

    @PreAuthorize(Roles.ADMIN_OR_OPERATOR)
    public void abort(Long runId, String reason) {
        RunStep inFlight = inFlight(runId);
        // A busy worker finishes (or, at a gate, gives up) its step itself and then lets go of the cluster.
        boolean executing = inFlight != null && isWorking(runId);
        Run run = transitions.abort(runId, reason, executing);
        if (!executing && inFlight != null) {
            transitions.failStep(inFlight.getId(), null, "the run was aborted", "The run was aborted while this step "
                    + (inFlight.getCommandsStartedAt() == null ? "waited; nothing was sent." : "was in flight (interrupted)."), 0, 0);
        }
        watch(run.getClusterId(), false);
    }

    /** Runs a failed (or interrupted) step's commands again; then the run goes on. */
    @PreAuthorize(Roles.ADMIN_OR_OPERATOR)
    public void retry(Long runId, Long stepId, boolean confirmUnsafe) {
        transitions.retryStep(runId, stepId, confirmUnsafe);
        submit(runId, () -> driver.executeThenDrive(runId, stepId));
    }

    /** Manual mode: the panel runs this waiting step's commands itself (the run switches to auto for this step). */
    @PreAuthorize(Roles.ADMIN_OR_OPERATOR)
    public void run(Long runId, Long stepId) {
        transitions.takeOver(runId, stepId);
        submit(runId, () -> driver.executeThenDrive(runId, stepId));
    }

    /** The operator did the step (manual mode) or checked an interrupted one: the panel verifies, then goes on. */
    @PreAuthorize(Roles.ADMIN_OR_OPERATOR)
    public void confirm(Long runId, Long stepId, String note) {
        transitions.confirm(runId, stepId, note);
        submit(runId, () -> driver.verifyThenDrive(runId, stepId, true));
    }

    @PreAuthorize(Roles.ADMIN_OR_OPERATOR)
    public void skip(Long runId, Long stepId, String reason) {
        RunStep step = tx.execute(s -> steps.findById(stepId).filter(x -> x.getRunId().equals(runId))
                .orElseThrow(() -> new RunNotFoundException("Run " + runId + " has no step " + stepId + ".")));
        transitions.skipStep(step.getId(), reason);
    }

    /** Whether the run's worker is executing or has work queued. */
    boolean isWorking(Long runId) {
        ThreadPoolExecutor w = workers.get(runId);
        return w != null && (w.getActiveCount() > 0 || !w.getQueue().isEmpty());
    }

    private RunStep inFlight(Long runId) {
        return tx.execute(s -> steps.findByRunIdOrderByPosition(runId).stream()
                .filter(x -> x.getStatus() == StepStatus.RUNNING).findFirst().orElse(null));
    }

    private void submit(Long runId, Runnable work) {
        // one thread per run, in order; it ends after a minute idle, so finished runs keep no thread
        ThreadPoolExecutor worker = workers.computeIfAbsent(runId, id -> {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    new CustomizableThreadFactory("run-" + id + "-"));
            pool.allowCoreThreadTimeOut(true);
            return pool;
        });
        worker.submit(new DelegatingSecurityContextRunnable(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.error("Run {} worker stopped on an unexpected error", runId, e);
            } finally {
                afterWork(runId);
            }
        }));
    }

    private void afterWork(Long runId) {
        Run run = tx.execute(s -> runs.findById(runId).orElse(null));
        if (run != null && run.getStatus() != RunStatus.RUNNING) {
            if (run.getStatus() == RunStatus.ABORTED) transitions.releaseIfAborted(runId);
            watch(run.getClusterId(), false);
        }
    }

    private void watch(Long clusterId, boolean closely) {
        monitor.ifAvailable(m -> m.watchClosely(clusterId, closely));
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        workers.values().forEach(ExecutorService::shutdownNow);
        workers.values().forEach(w -> {
            try {
                w.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
