package dev.upshift.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.upshift.monitor.MemberState;
import dev.upshift.monitor.MembershipSnapshot;
import dev.upshift.monitor.MembershipView;
import dev.upshift.procedure.Method;
import dev.upshift.procedure.PhaseKind;
import dev.upshift.procedure.RollingOrder;
import dev.upshift.procedure.ServerRole;
import dev.upshift.procedure.StepKey;

/**
 * The loop that takes a RUNNING run forward, one step at a time, on the run's own worker thread (see
 * {@link RunEngine}). Before each step it re-reads the run: anything but RUNNING (paused, aborted, failed) ends the
 * loop, so nothing runs after a failed step or a pause by itself. In manual mode it starts the next step and leaves
 * it waiting for the operator. Before a rolling server phase it re-applies the rolling order to the roles the
 * monitor sees now (leadership moves with every restart), so the leader is still upgraded last among the cores.
 */
@Component
class RunDriver {

    private static final Logger log = LoggerFactory.getLogger(RunDriver.class);

    static final String AWAITING_OPERATOR = "Waiting for the operator: run the commands shown, then confirm "
            + "(or let the panel run them with \"run\").";

    private final RunRepository runs;
    private final RunStepRepository steps;
    private final RunServerRepository servers;
    private final RunTransitions transitions;
    private final StepExecutor executor;
    private final MembershipView membership;
    private final TransactionTemplate tx;

    RunDriver(RunRepository runs, RunStepRepository steps, RunServerRepository servers, RunTransitions transitions,
              StepExecutor executor, MembershipView membership, TransactionTemplate tx) {
        this.runs = runs;
        this.steps = steps;
        this.servers = servers;
        this.transitions = transitions;
        this.executor = executor;
        this.membership = membership;
        this.tx = tx;
    }

    /** Runs steps while the run is RUNNING; returns when it is finished, halted, paused or waiting for the operator. */
    void drive(Long runId) {
        while (true) {
            Run run = run(runId);
            if (run.getStatus() != RunStatus.RUNNING) {
                if (run.getStatus() == RunStatus.ABORTED) transitions.releaseIfAborted(runId);
                return;
            }
            List<RunStep> all = steps(runId);
            if (all.stream().anyMatch(s -> s.getStatus() == StepStatus.RUNNING)) {
                return;   // a step waits for the operator (manual mode); confirm or run moves it on
            }
            Optional<RunStep> pending = all.stream().filter(s -> !s.getStatus().isDone()).findFirst();
            if (pending.isEmpty()) {
                transitions.succeed(runId);
                return;
            }
            RunStep next = pending.get();
            if (next.getStatus() == StepStatus.FAILED) return;   // only retry or skip moves past a failed step
            RunContext ctx = context(runId);
            next = rollingOrder(ctx, run, all, next);
            RunStep begun;
            try {
                begun = transitions.beginStep(next.getId());
            } catch (RunConflictException e) {
                log.info("Run {} stopped before step {}: {}", runId, next.getId(), e.getMessage());
                return;
            }
            if (ctx.mode() == RunMode.MANUAL) {
                // the operator is only asked once the step's health gate is met, as the panel itself would wait
                if (executor.gate(ctx, begun, lastUpgraded(all), () -> isNotRunning(runId)) == StepExecutor.Result.SUCCEEDED) {
                    transitions.waiting(begun.getId(), AWAITING_OPERATOR);
                }
                return;
            }
            if (executor.execute(ctx, begun, lastUpgraded(all), () -> isNotRunning(runId)) == StepExecutor.Result.FAILED) {
                return;
            }
        }
    }

    /** Executes a step that is already RUNNING (retry, or "run" in manual mode), then goes on if it succeeded. */
    void executeThenDrive(Long runId, Long stepId) {
        RunContext ctx = context(runId);
        StepExecutor.Result r = executor.execute(ctx, step(stepId), lastUpgraded(steps(runId)), () -> isNotRunning(runId));
        if (r != StepExecutor.Result.FAILED) drive(runId);
    }

    /** Verify-and-continue after an interruption, or the operator's confirmation in manual mode. */
    void verifyThenDrive(Long runId, Long stepId, boolean operatorConfirmed) {
        StepExecutor.Result r = executor.verifyOnly(context(runId), step(stepId), operatorConfirmed, () -> isNotRunning(runId));
        if (r == StepExecutor.Result.SUCCEEDED) drive(runId);
    }

    /**
     * Leadership moves: before a rolling server phase whose position assumed today's leader, pick the server the
     * rolling order names now (followers first, the leader last, read replicas after the cores) and move its phase
     * here. Without a reachable view the planned order stands: the step's health gate waits anyway.
     */
    RunStep rollingOrder(RunContext ctx, Run run, List<RunStep> all, RunStep next) {
        if (!next.isRecheckLeader() || run.getMethod() != Method.ROLLING_FIXED || next.getPhaseKind() != PhaseKind.SERVER) {
            return next;
        }
        Map<Integer, List<RunStep>> phases = new LinkedHashMap<>();
        all.forEach(s -> phases.computeIfAbsent(s.getPhaseIndex(), k -> new ArrayList<>()).add(s));
        List<Integer> untouched = phases.entrySet().stream()
                .filter(e -> e.getValue().get(0).getPhaseKind() == PhaseKind.SERVER)
                .filter(e -> e.getValue().stream().allMatch(s -> s.getStatus() == StepStatus.PENDING))
                .map(Map.Entry::getKey).toList();
        if (!untouched.contains(next.getPhaseIndex())) return next;
        MembershipSnapshot snapshot = membership.current(ctx.clusterId());
        if (!snapshot.reachable()) return next;
        Map<String, ServerRole> rolesNow = new LinkedHashMap<>();
        for (MemberState m : snapshot.present()) rolesNow.put(m.address().toLowerCase(), ClusterFacts.roleOf(m.role()));
        Map<String, Integer> phaseOf = new LinkedHashMap<>();
        for (Integer p : untouched) phaseOf.put(phases.get(p).get(0).getServer().toLowerCase(), p);
        Map<String, ServerRole> roles = new LinkedHashMap<>();
        phaseOf.keySet().forEach(server -> { if (rolesNow.containsKey(server)) roles.put(server, rolesNow.get(server)); });
        String chosen = RollingOrder.next(phaseOf.keySet(), roles).orElse(null);
        if (chosen == null || Objects.equals(chosen, next.getServer().toLowerCase())) return next;

        List<RunStep> moved = phases.get(phaseOf.get(chosen));
        List<RunStep> order = new ArrayList<>(all);
        order.removeAll(moved);
        order.addAll(order.indexOf(next), moved);
        Map<Long, Integer> positions = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).getPosition() != all.get(i).getPosition() || order.get(i) != all.get(i)) {
                positions.put(order.get(i).getId(), all.get(i).getPosition());
            }
        }
        transitions.reorder(ctx.runId(), positions, "Leadership moved: " + next.getServer() + " is now "
                + rolesNow.getOrDefault(next.getServer().toLowerCase(), null) + ", so " + moved.get(0).getServer()
                + " is upgraded first (followers first, the leader last).");
        return step(moved.get(0).getId());
    }

    /** The member whose rejoin was verified last: the next stop waits for it to be back on the target version. */
    static String lastUpgraded(List<RunStep> all) {
        return all.stream().filter(s -> s.getStatus() == StepStatus.SUCCEEDED && s.getEndedAt() != null)
                .filter(s -> s.getKey() == StepKey.SRV_VERIFY_JOINED || s.getKey() == StepKey.RR_VERIFY_JOINED)
                .max(Comparator.comparing(RunStep::getEndedAt)).map(RunStep::getServer).orElse(null);
    }

    RunContext context(Long runId) {
        return tx.execute(s -> {
            Run run = runs.findById(runId).orElseThrow(() -> new RunNotFoundException("No run " + runId + "."));
            Map<String, RunServer> byAddress = new LinkedHashMap<>();
            servers.findByRunIdOrderById(runId).forEach(rs -> byAddress.put(rs.getServer(), rs));
            return new RunContext(runId, run.getClusterId(), run.getMode(), run.getSourceVersion(), run.getTargetVersion(),
                    run.getExpectedStoreFormat(), run.getSeedServer(), run.givenAcks(), byAddress);
        });
    }

    boolean isNotRunning(Long runId) {
        return run(runId).getStatus() != RunStatus.RUNNING;
    }

    private Run run(Long runId) {
        return tx.execute(s -> runs.findById(runId).orElseThrow(() -> new RunNotFoundException("No run " + runId + ".")));
    }

    private List<RunStep> steps(Long runId) {
        return tx.execute(s -> steps.findByRunIdOrderByPosition(runId));
    }

    private RunStep step(Long stepId) {
        return tx.execute(s -> steps.findById(stepId).orElseThrow(() -> new RunNotFoundException("No step " + stepId + ".")));
    }
}
