package dev.upshift.run;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One user's approval of a run's plan, bound to the plan's {@link PlanFingerprint} at that moment. */
@Entity
@Table(name = "run_approval")
class RunApproval {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "run_id")
    private Long runId;

    @Column(name = "approved_by")
    private String approvedBy;

    @Column(name = "approved_at")
    private Instant approvedAt;

    private String fingerprint;

    @Column(name = "revoked_by")
    private String revokedBy;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "voided_at")
    private Instant voidedAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected RunApproval() {
    }

    RunApproval(Long runId, String approvedBy, Instant approvedAt, String fingerprint) {
        this.runId = runId;
        this.approvedBy = approvedBy;
        this.approvedAt = approvedAt;
        this.fingerprint = fingerprint;
    }

    boolean isActive() {
        return revokedAt == null;
    }

    /** Counts for a start: not revoked, and the plan is still the one approved. */
    boolean holdsFor(String planFingerprint) {
        return isActive() && fingerprint.equals(planFingerprint);
    }

    void revoke(String by, Instant at) {
        this.revokedBy = by;
        this.revokedAt = at;
    }

    void voided(Instant at) {
        this.voidedAt = at;
    }

    void used(Instant at) {
        this.usedAt = at;
    }

    Long getId() { return id; }
    Long getRunId() { return runId; }
    String getApprovedBy() { return approvedBy; }
    Instant getApprovedAt() { return approvedAt; }
    String getFingerprint() { return fingerprint; }
    Instant getRevokedAt() { return revokedAt; }
    Instant getVoidedAt() { return voidedAt; }
    Instant getUsedAt() { return usedAt; }
}
