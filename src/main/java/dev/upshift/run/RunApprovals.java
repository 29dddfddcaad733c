package dev.upshift.run;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.upshift.audit.AuditLog;
import dev.upshift.cluster.ClusterDetails;
import dev.upshift.cluster.ClusterService;
import dev.upshift.security.CurrentActor;
import dev.upshift.security.Roles;

/**
 * Approvals of run plans. On a cluster that requires approval a run starts only once a user other than its creator
 * (an AUDITOR or ADMIN) approved its plan. An approval is bound to the plan's {@link PlanFingerprint}; the start
 * compares it with the plan as it is then ({@link #requireApproval}, called by {@link RunTransitions#start}), so any
 * change after approval voids it without every writer having to know. Approve, revoke, void and every refusal are
 * audit events.
 */
@Service
public class RunApprovals {

    private final RunRepository runs;
    private final RunStepRepository steps;
    private final RunConfRepository confs;
    private final RunApprovalRepository approvals;
    private final ClusterService clusters;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    RunApprovals(RunRepository runs, RunStepRepository steps, RunConfRepository confs, RunApprovalRepository approvals,
                 ClusterService clusters, AuditLog audit, TransactionTemplate tx, Clock clock) {
        this.runs = runs;
        this.steps = steps;
        this.confs = confs;
        this.approvals = approvals;
        this.clusters = clusters;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * One approval as others see it. {@code valid}: while the run is PLANNED, it still holds for the plan as it is;
     * once started, it is the approval the start relied on. {@code state}: valid, void (the plan changed after it),
     * revoked, or superseded (not needed by the start).
     */
    public record ApprovalView(String by, Instant at, String fingerprint, boolean valid, String state) {
    }

    /**
     * A run's approvals, the public read model (run page, API, reports).
     *
     * @param required    whether the run's cluster requires approval (false when the cluster is no longer registered)
     * @param fingerprint the plan's fingerprint now
     */
    public record ApprovalStatus(Long runId, RunStatus runStatus, String createdBy, boolean required, String fingerprint,
                                 List<ApprovalView> approvals) {

        public boolean approved() {
            return approvals.stream().anyMatch(ApprovalView::valid);
        }

        /** Someone approved, but the plan changed since: the approval no longer counts. */
        public boolean voided() {
            return !approved() && approvals.stream().anyMatch(a -> a.state().equals("void"));
        }

        /** Whether {@code username} may approve: not the creator, and not holding a valid approval already. */
        public boolean mayBeApprovedBy(String username) {
            return required && runStatus == RunStatus.PLANNED && username != null && !username.equalsIgnoreCase(createdBy)
                    && approvals.stream().noneMatch(a -> a.valid() && a.by().equalsIgnoreCase(username));
        }

        public boolean hasActiveApprovalBy(String username) {
            return approvals.stream().anyMatch(a -> a.valid() && a.by().equalsIgnoreCase(username));
        }
    }

    @PreAuthorize(Roles.ANY_ROLE)
    public ApprovalStatus status(Long runId) {
        return tx.execute(s -> status(run(runId)));
    }

    /** The current user approves the plan as it is now. The run's creator is refused (and the refusal audited). */
    @PreAuthorize(Roles.ADMIN_OR_AUDITOR)
    public ApprovalStatus approve(Long runId) {
        String actor = CurrentActor.name();
        String refusal = tx.execute(s -> {
            Run run = run(runId);
            if (run.getStatus() != RunStatus.PLANNED) {
                throw new RunConflictException("Run " + runId + " is " + run.getStatus()
                        + ": only the plan of a PLANNED run is approved.");
            }
            if (!requiresApproval(run)) {
                throw new RunConflictException("Cluster " + run.getClusterName() + " does not require approval: run "
                        + runId + " can start without one.");
            }
            if (actor.equalsIgnoreCase(run.getCreatedBy())) {
                audit.record("run.approval-refused", "run", String.valueOf(runId),
                        details(run, "reason", "self-approval: the approver created the run"));
                return "You created run " + runId + ", so you cannot approve its plan: a different user (an auditor or "
                        + "an admin) must approve it.";
            }
            String fingerprint = fingerprint(run);
            boolean already = approvals.findByRunIdOrderById(runId).stream()
                    .anyMatch(a -> a.holdsFor(fingerprint) && a.getApprovedBy().equalsIgnoreCase(actor));
            if (!already) {
                approvals.save(new RunApproval(runId, actor, clock.instant(), fingerprint));
                audit.record("run.approved", "run", String.valueOf(runId), details(run, "fingerprint", fingerprint));
            }
            return null;
        });
        if (refusal != null) throw new SelfApprovalException(refusal);
        return status(runId);
    }

    /** The current user withdraws their approval (an ADMIN withdraws every approval) while the run is PLANNED. */
    @PreAuthorize(Roles.ADMIN_OR_AUDITOR)
    public ApprovalStatus revoke(Long runId) {
        String actor = CurrentActor.name();
        boolean admin = SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.ADMIN));
        tx.executeWithoutResult(s -> {
            Run run = run(runId);
            if (run.getStatus() != RunStatus.PLANNED) {
                throw new RunConflictException("Run " + runId + " is " + run.getStatus()
                        + ": an approval can be withdrawn only before the run starts.");
            }
            List<RunApproval> mine = approvals.findByRunIdOrderById(runId).stream()
                    .filter(a -> a.isActive() && (admin || a.getApprovedBy().equalsIgnoreCase(actor))).toList();
            if (mine.isEmpty()) {
                throw new RunConflictException("Run " + runId + " has no approval of yours to withdraw.");
            }
            Instant now = clock.instant();
            for (RunApproval a : mine) {
                a.revoke(actor, now);
                audit.record("run.approval-revoked", "run", String.valueOf(runId),
                        details(run, "approvedBy", a.getApprovedBy()));
            }
        });
        return status(runId);
    }

    /**
     * The gate, inside the start's transaction: passes when the cluster does not require approval or an approval by
     * another user holds for the plan as it is now (those approvals are marked used); throws otherwise.
     *
     * @return who approved (empty when no approval is required)
     */
    List<String> requireApproval(Run run) {
        if (!requiresApproval(run)) return List.of();
        String fingerprint = fingerprint(run);
        List<RunApproval> all = approvals.findByRunIdOrderById(run.getId());
        List<RunApproval> holding = all.stream()
                .filter(a -> a.holdsFor(fingerprint) && !a.getApprovedBy().equalsIgnoreCase(run.getCreatedBy())).toList();
        if (!holding.isEmpty()) {
            holding.forEach(a -> a.used(clock.instant()));
            return holding.stream().map(RunApproval::getApprovedBy).toList();
        }
        boolean changed = all.stream().anyMatch(a -> a.isActive() && !a.holdsFor(fingerprint));
        String message = changed
                ? "Run " + run.getId() + " was not started: approval void: the plan changed after approval. Cluster "
                        + run.getClusterName() + " requires an approval of the plan as it is now by a different user than "
                        + run.getCreatedBy() + " (an auditor or an admin)."
                : "Run " + run.getId() + " was not started: cluster " + run.getClusterName() + " requires approval. A "
                        + "different user than " + run.getCreatedBy() + " (an auditor or an admin) must approve the plan first.";
        throw new ApprovalRequiredException(run.getId(), fingerprint, message);
    }

    /** After the refused start rolled back: marks the approvals found void and records them and the refusal. */
    void recordRefusal(ApprovalRequiredException refused) {
        tx.executeWithoutResult(s -> {
            Run run = run(refused.runId());
            Instant now = clock.instant();
            for (RunApproval a : approvals.findByRunIdOrderById(run.getId())) {
                if (a.isActive() && a.getVoidedAt() == null && !a.holdsFor(refused.planFingerprint())) {
                    a.voided(now);
                    Map<String, Object> d = details(run, "approvedBy", a.getApprovedBy());
                    d.put("approvedFingerprint", a.getFingerprint());
                    d.put("planFingerprint", refused.planFingerprint());
                    audit.record("run.approval-voided", "run", String.valueOf(run.getId()), d);
                }
            }
            audit.record("run.start-refused", "run", String.valueOf(run.getId()),
                    details(run, "reason", refused.getMessage()));
        });
    }

    private ApprovalStatus status(Run run) {
        String fingerprint = fingerprint(run);
        return new ApprovalStatus(run.getId(), run.getStatus(), run.getCreatedBy(), requiresApproval(run), fingerprint,
                views(run, approvals.findByRunIdOrderById(run.getId()), fingerprint));
    }

    /**
     * A run's approvals as its record shows them (the review, the reports). The plan is fingerprinted only when it
     * decides, for a PLANNED run with approvals: a review page reads this for every run, most of which have none.
     */
    @PreAuthorize(Roles.ANY_ROLE)
    public List<ApprovalView> approvals(Long runId) {
        return tx.execute(s -> {
            List<RunApproval> all = approvals.findByRunIdOrderById(runId);
            if (all.isEmpty()) return List.<ApprovalView>of();   // the caller has read the run already
            Run run = run(runId);
            return views(run, all, run.getStatus() == RunStatus.PLANNED ? fingerprint(run) : null);
        });
    }

    /** @param fingerprint the plan's fingerprint now; read only while the run is PLANNED */
    private static List<ApprovalView> views(Run run, List<RunApproval> all, String fingerprint) {
        boolean planned = run.getStatus() == RunStatus.PLANNED;
        return all.stream().map(a -> {
            boolean valid = planned ? a.holdsFor(fingerprint) : a.getUsedAt() != null;
            String state = valid ? "valid" : a.getRevokedAt() != null ? "revoked"
                    : planned || a.getVoidedAt() != null ? "void" : "superseded";
            return new ApprovalView(a.getApprovedBy(), a.getApprovedAt(), a.getFingerprint(), valid, state);
        }).toList();
    }

    private boolean requiresApproval(Run run) {
        return clusters.find(run.getClusterId()).map(ClusterDetails::requiresApproval).orElse(false);
    }

    /** The plan as it stands now, in the database (see {@link PlanFingerprint}). */
    String fingerprint(Run run) {
        List<PlanFingerprint.StepPart> stepParts = steps.findByRunIdOrderByPosition(run.getId()).stream()
                .map(s -> new PlanFingerprint.StepPart(s.getPosition(), s.getKey().name(), s.getServer(), s.getCommands(),
                        s.getStatus() == StepStatus.SKIPPED)).toList();
        List<PlanFingerprint.ConfPart> confParts = confs.findByRunId(run.getId()).stream()
                .map(c -> new PlanFingerprint.ConfPart(c.getServer(), c.getVariant().name(), c.getContent())).toList();
        return PlanFingerprint.of(run.getMethod().apiName(), run.getTargetVersion(), stepParts, confParts);
    }

    private Run run(Long id) {
        return runs.findById(id).orElseThrow(() -> new RunNotFoundException("No run " + id + "."));
    }

    private static Map<String, Object> details(Run run, String key, Object value) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("cluster", run.getClusterId());
        d.put("createdBy", run.getCreatedBy());
        d.put(key, value);
        return d;
    }
}
