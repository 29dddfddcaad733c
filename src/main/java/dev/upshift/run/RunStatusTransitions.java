package dev.upshift.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import dev.upshift.procedure.StepKey;
import dev.upshift.security.CurrentActor;

/**
 * The run's own status changes (start, pause, resume, abort, finish, interrupt, release), each committed with its
 * audit event by {@link TransitionSupport}. Starting is where approval gating and the one-active-run-per-cluster rule
 * are enforced.
 */
@Component
class RunStatusTransitions {

    /** The steps that put the new version into a server's new NEO4J_HOME (in place: rolling on fixed servers, offline). */
    private static final Set<StepKey> INSTALLS = Set.of(StepKey.SRV_INSTALL, StepKey.OFF_SEED_INSTALL, StepKey.OFF_CORE_INSTALL,
            StepKey.OFF_RR_INSTALL, StepKey.RR_NEW_INSTANCE);

    private final TransitionSupport support;
    private final RunRepository runs;
    private final RunApprovals approvals;
    private final RunServerRepository servers;
    private final RunStepRepository steps;
    private final RunTargets targets;
    private final RegistryReplacements replacements;

    RunStatusTransitions(TransitionSupport support, RunRepository runs, RunApprovals approvals, RunServerRepository servers,
                         RunStepRepository steps, RunTargets targets, RegistryReplacements replacements) {
        this.support = support;
        this.runs = runs;
        this.approvals = approvals;
        this.servers = servers;
        this.steps = steps;
        this.targets = targets;
        this.replacements = replacements;
    }

    /** PLANNED → RUNNING; on a cluster that requires approval only with a valid approval ({@link RunApprovals}). */
    Run start(Long runId, List<String> acks) {
        try {
            return support.inTx(() -> {
                Run run = support.run(runId);
                Optional<Run> holder = runs.findByActiveClusterId(run.getClusterId()).filter(other -> !other.getId().equals(runId));
                if (holder.isPresent() && supersedes(run, holder.get())) {
                    supersede(run, holder.get());
                } else {
                    holder.ifPresent(other -> { throw activeElsewhere(run, other.getId()); });
                }
                List<String> approvedBy = run.getStatus() == RunStatus.PLANNED ? approvals.requireApproval(run) : List.of();
                run.start(acks, CurrentActor.name(), support.now());
                runs.saveAndFlush(run);   // the unique index on active_cluster_id decides a race between two starts
                Map<String, Object> d = TransitionSupport.details(run, "acknowledged", acks);
                if (!approvedBy.isEmpty()) d.put("approvedBy", approvedBy);
                support.auditRun("run.started", runId, d);
                support.announce(run);
                support.milestone(RunMilestone.Kind.RUN_STARTED, run, null);
                return run;
            });
        } catch (ApprovalRequiredException e) {
            approvals.recordRefusal(e);   // the start rolled back; the refusal is recorded on its own
            throw e;
        } catch (DataIntegrityViolationException e) {
            Long other = support.inTx(() -> runs.findByClusterIdOrderByCreatedAtDescIdDesc(support.run(runId).getClusterId())
                    .stream().filter(r -> r.getActiveClusterId() != null).map(Run::getId).findFirst().orElse(null));
            throw new RunConflictException("Run " + runId + " was not started: another run"
                    + (other == null ? "" : " (" + other + ")") + " became active on this cluster at the same moment;"
                    + " a cluster has one active run at a time.", other);
        }
    }

    /**
     * A FAILED run holds its cluster (its failed step may still be retried); the start of its own rollback is the
     * operator's decision that it will not be: it is aborted in the same transaction, before the rollback takes the
     * cluster.
     */
    private static boolean supersedes(Run rollback, Run holder) {
        return rollback.getStatus() == RunStatus.PLANNED && holder.getId().equals(rollback.getRollbackOf())
                && holder.getStatus() == RunStatus.FAILED;
    }

    private void supersede(Run rollback, Run failed) {
        failed.abort("Superseded by its rollback, run " + rollback.getId() + ", started by " + CurrentActor.name() + ".",
                support.now(), false);
        runs.saveAndFlush(failed);   // lets go of the cluster before the rollback takes it (unique index)
        support.auditRun("run.aborted", failed.getId(), TransitionSupport.details(failed, "rolledBackBy", rollback.getId()));
        support.announce(failed);
        support.milestone(RunMilestone.Kind.RUN_FINISHED, failed, null);
    }

    Run pause(Long runId) {
        return support.change(runId, "run.paused", run -> run.pause("Paused by " + CurrentActor.name()
                + "; the step in progress, if any, finishes first."), null);
    }

    Run resume(Long runId) {
        return support.change(runId, "run.resumed", Run::resume, null);
    }

    Run abort(Long runId, String reason, boolean stepInFlight) {
        String why = reason == null || reason.isBlank() ? "Aborted by " + CurrentActor.name() : reason.trim();
        return support.change(runId, "run.aborted", run -> run.abort(why, support.now(), stepInFlight),
                RunMilestone.Kind.RUN_FINISHED);
    }

    Run succeed(Long runId) {
        return support.change(runId, "run.succeeded", run -> {
            run.succeed(support.now());
            if (run.isRollback()) {
                backToSourceInstallations(run);
                return;
            }
            followNewInstallations(run);
            replacements.applyTo(run);   // rolling on replaceable resources: the replacements become the members
        }, RunMilestone.Kind.RUN_FINISHED);
    }

    /**
     * The mirror of {@link #followNewInstallations} for a rollback run, in the same transaction as its success: every
     * member runs from its source installation again, whatever the registry says now (a registry that followed a new
     * NEO4J_HOME would have the next run stop, back up and copy an installation that no longer runs).
     */
    private void backToSourceInstallations(Run run) {
        for (RunServer s : servers.findByRunIdOrderById(run.getId())) {
            if (s.isReplacement()) continue;
            targets.relocated(run.getClusterId(), s.getServer(), s.getNeo4jHome(), s.getConfDir(), s.getDataDir(), run.getId());
        }
    }

    /**
     * In the same transaction as the success: a server the run installed into a new NEO4J_HOME runs from there now,
     * and a later run planned from the old paths would stop, back up and copy the wrong installation. A replacement
     * (5.3.2.2) runs from the installation RR_NEW_INSTANCE made, not from the placeholder it was registered with.
     */
    private void followNewInstallations(Run run) {
        Set<String> installed = steps.findByRunIdOrderByPosition(run.getId()).stream()
                .filter(st -> st.getStatus() == StepStatus.SUCCEEDED && INSTALLS.contains(st.getKey()))
                .map(RunStep::getServer).collect(Collectors.toSet());
        for (RunServer s : servers.findByRunIdOrderById(run.getId())) {
            if (!s.movesHome() || !installed.contains(s.getServer())) continue;
            targets.relocated(run.getClusterId(), s.getServer(), s.afterMove(s.getNeo4jHome()), s.afterMove(s.getConfDir()),
                    s.afterMove(s.getDataDir()), run.getId());
        }
    }

    Run interrupt(Long runId, String reason) {
        return support.change(runId, "run.interrupted", run -> run.interrupt(reason), RunMilestone.Kind.RUN_INTERRUPTED);
    }

    /** A run aborted while a step was executing lets go of the cluster once that step has ended. */
    void releaseIfAborted(Long runId) {
        support.inTx(() -> {
            Run run = support.run(runId);
            if (run.getStatus() == RunStatus.ABORTED && run.getActiveClusterId() != null) {
                run.release();
                support.auditRun("run.released", runId,
                        TransitionSupport.details(run, "reason", "the step in flight at the abort has ended"));
                support.announce(run);
            }
            return null;
        });
    }

    private static RunConflictException activeElsewhere(Run run, Long other) {
        return new RunConflictException("Run " + run.getId() + " was not started: run " + other + " is active on cluster "
                + run.getClusterName() + " (a cluster has one active run at a time; finish or abort run " + other + ").", other);
    }
}
