package dev.upshift.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.upshift.procedure.Gate;
import dev.upshift.procedure.StepKey;

/**
 * Carries out one started step: its health gate, its commands, then its verification, and commits the outcome.
 *
 * <p>The order matters for crash safety: the step's RUNNING is committed by the engine before this is called, the
 * moment the first command goes out is committed ({@code commands_started_at}) before it is sent, and the outcome
 * after the last check. A gate that is cancelled (the run was paused or aborted) or never met sends nothing. Cypher
 * commands that follow the last shell command (the "joined" checks) run after the verification, so they record
 * what the verified member says instead of failing while it is still starting.
 */
@Component
class StepExecutor {

    private static final Logger log = LoggerFactory.getLogger(StepExecutor.class);

    /** How a step ended here. */
    enum Result { SUCCEEDED, FAILED, RESET }

    private final RunTransitions transitions;
    private final StepOutput output;
    private final CommandRunner runner;
    private final HealthGates gates;
    private final Verifications verifications;
    private final Diagnosis diagnosis;
    private final StepCommands stepCommands;
    private final ManualChecks manualChecks;
    private final RunProperties properties;

    StepExecutor(RunTransitions transitions, StepOutput output, CommandRunner runner, HealthGates gates,
                 Verifications verifications, Diagnosis diagnosis, StepCommands stepCommands, ManualChecks manualChecks,
                 RunProperties properties) {
        this.transitions = transitions;
        this.output = output;
        this.runner = runner;
        this.gates = gates;
        this.verifications = verifications;
        this.diagnosis = diagnosis;
        this.stepCommands = stepCommands;
        this.manualChecks = manualChecks;
        this.properties = properties;
    }

    /**
     * @param lastUpgraded the member whose rejoin was verified last (the gate requires it back on the target version)
     * @param cancelled    true once the run is no longer RUNNING (a waiting gate gives up, sending nothing)
     */
    Result execute(RunContext ctx, RunStep step, String lastUpgraded, BooleanSupplier cancelled) {
        StepOutput.Recorder out = output.open(ctx.runId(), step.getId());
        try {
            Result gate = gate(ctx, step, lastUpgraded, cancelled, out);
            if (gate != Result.SUCCEEDED) return gate;
            transitions.commandsStarted(step.getId());
            List<StepCommand> all = stepCommands.read(step.getCommands());
            int lastNonCypher = -1;
            for (int i = 0; i < all.size(); i++) if (!"cypher".equals(all.get(i).type())) lastNonCypher = i;
            List<String> stdouts = new ArrayList<>();
            Integer exit = null;
            for (StepCommand c : all.subList(0, lastNonCypher + 1)) {
                CommandRunner.Result r = runner.run(ctx, c, out);
                if (r.exitCode() != null) exit = r.exitCode();
                if (!r.ok()) return fail(ctx, step, r.summary(), r.exitCode(), out);
                stdouts.add(r.stdout());
            }
            Optional<String> problem = verifications.verify(ctx, step, stdouts, out, reason -> waiting(step, out, reason));
            if (problem.isPresent()) return fail(ctx, step, problem.get(), exit, out);
            for (StepCommand c : all.subList(lastNonCypher + 1, all.size())) {
                CommandRunner.Result r = runner.run(ctx, c, out);
                if (!r.ok()) return fail(ctx, step, r.summary(), null, out);
            }
            transitions.succeedStep(step.getId(), exit, verifications.note(ctx, step, stdouts), out.kept(), out.dropped());
            return Result.SUCCEEDED;
        } catch (RuntimeException e) {
            log.warn("Step {} ({}) of run {} failed", step.getId(), step.getKey(), ctx.runId(), e);
            return fail(ctx, step, e.getMessage() == null ? e.toString() : e.getMessage(), null, out);
        }
    }

    /**
     * The step's health gate, if it has one: SUCCEEDED once met (or none), RESET when the run stopped while it waited
     * (nothing was sent), FAILED when it timed out. Manual mode passes it too before the operator is asked to stop a
     * member: the panel cannot stop the operator's hand, but it must not invite a stop that would cost the quorum.
     */
    Result gate(RunContext ctx, RunStep step, String lastUpgraded, BooleanSupplier cancelled) {
        if (step.getGate() != Gate.SAFE_TO_STOP) return Result.SUCCEEDED;
        return gate(ctx, step, lastUpgraded, cancelled, output.open(ctx.runId(), step.getId()));
    }

    private Result gate(RunContext ctx, RunStep step, String lastUpgraded, BooleanSupplier cancelled, StepOutput.Recorder out) {
        if (step.getGate() != Gate.SAFE_TO_STOP) return Result.SUCCEEDED;
        out.panel("[upshift] health gate: is it safe to stop " + step.getServer() + "?");
        HealthGates.Wait w = gates.await(s -> ClusterChecks.safeToStop(s, ctx, step.getServer(), lastUpgraded,
                        gates.versions(ctx, s)).or(() -> lastUpgraded == null ? Optional.empty()
                        : gates.caughtUp(ctx, s, lastUpgraded)),
                true, properties.gateTimeout(), reason -> waiting(step, out, reason), cancelled, ctx.clusterId());
        if (w.outcome() == HealthGates.Outcome.CANCELLED) {
            transitions.resetUnstarted(step.getId(), "The run stopped while the health gate waited ("
                    + w.reason() + "); nothing was sent to " + step.getServer() + ".");
            return Result.RESET;
        }
        if (w.outcome() == HealthGates.Outcome.TIMED_OUT) {
            return fail(ctx, step, "health gate " + w.reason(), null, out);
        }
        out.panel("[upshift] health gate met");
        return Result.SUCCEEDED;
    }

    /**
     * After an interruption: the step's commands may or may not have run. Only its verification is run; when the
     * step has nothing to verify but exit codes, it fails and the operator decides (retry re-runs the commands).
     */
    Result verifyOnly(RunContext ctx, RunStep step, boolean operatorConfirmed, BooleanSupplier cancelled) {
        StepOutput.Recorder out = output.open(ctx.runId(), step.getId());
        out.panel(operatorConfirmed ? "[upshift] confirmed by the operator; running the checks the panel can make"
                : "[upshift] verify-and-continue: checking what this step should have achieved, without re-running it");
        try {
            if (operatorConfirmed && step.getVerificationKind() == dev.upshift.procedure.Verification.Kind.EXIT_CODE) {
                return afterOperator(ctx, step, out);
            }
            if (!verifications.canVerifyWithoutOutput(step)) {
                return fail(ctx, step, "the panel stopped while this step ran and its outcome can only be known from its "
                        + "commands' exit codes; retry it" + (step.isRetrySafe() ? " (safe to re-run)" : " (NOT marked safe to re-run: check the server first)")
                        + ", or skip it with a reason if you checked it was done", null, out);
            }
            Optional<String> problem = verifications.verify(ctx, step, List.of(), out, reason -> waiting(step, out, reason));
            if (problem.isPresent()) {
                return fail(ctx, step, (operatorConfirmed ? "confirmed by the operator, but " : "verification after the interruption: ")
                        + problem.get(), null, out);
            }
            transitions.succeedStep(step.getId(), null, operatorConfirmed ? "confirmed by the operator and verified"
                            : "verified after the interruption; its commands were not re-run",
                    out.kept(), out.dropped());
            return Result.SUCCEEDED;
        } catch (RuntimeException e) {
            return fail(ctx, step, e.getMessage() == null ? e.toString() : e.getMessage(), null, out);
        }
    }

    /** Manual mode: the exit codes were the operator's; the panel runs the read-only checks it has for the step. */
    private Result afterOperator(RunContext ctx, RunStep step, StepOutput.Recorder out) {
        if (!manualChecks.covers(step)) {
            transitions.succeedStep(step.getId(), null, "done by the operator (no automatic check for this step)",
                    out.kept(), out.dropped());
            return Result.SUCCEEDED;
        }
        ManualChecks.Outcome checked = manualChecks.verify(ctx, step, stepCommands.read(step.getCommands()), out);
        if (checked.problem().isPresent()) {
            return fail(ctx, step, "confirmed by the operator, but " + checked.problem().get(), null, out);
        }
        out.panel("[upshift] the panel's checks passed");
        transitions.succeedStep(step.getId(), null, "confirmed by the operator and verified"
                + (checked.note() == null ? "" : "; " + checked.note()), out.kept(), out.dropped());
        return Result.SUCCEEDED;
    }

    private void waiting(RunStep step, StepOutput.Recorder out, String reason) {
        transitions.waiting(step.getId(), reason);
        out.panel("[upshift] waiting: " + reason);
    }

    private Result fail(RunContext ctx, RunStep step, String summary, Integer exitCode, StepOutput.Recorder out) {
        out.panel("[upshift] step failed: " + summary);
        String text = diagnosis.of(ctx, step, summary, exitCode, out);
        transitions.failStep(step.getId(), exitCode, summary, text, out.kept(), out.dropped());
        return Result.FAILED;
    }

    static boolean isJoinVerification(StepKey key) {
        return key == StepKey.SRV_VERIFY_JOINED || key == StepKey.RR_VERIFY_JOINED;
    }
}
