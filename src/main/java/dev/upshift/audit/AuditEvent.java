package dev.upshift.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/** One link of the audit chain. Written once by {@link JpaAuditLog}; there are no setters and no updates. */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(nullable = false, updatable = false)
    private String actor;

    @Column(nullable = false, updatable = false)
    private String action;

    @Column(name = "target_type", updatable = false)
    private String targetType;

    @Column(name = "target_id", updatable = false)
    private String targetId;

    @Column(nullable = false, updatable = false, length = AuditDetails.MAX_LENGTH)
    private String details;

    @Column(name = "prev_hash", nullable = false, updatable = false, length = 64, columnDefinition = "char(64)")
    private String prevHash;

    @Column(nullable = false, updatable = false, length = 64, columnDefinition = "char(64)")
    private String hash;

    protected AuditEvent() {
    }

    AuditEvent(long id, Instant occurredAt, String actor, String action, String targetType, String targetId,
               String details, String prevHash, String hash) {
        this.id = id;
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.action = action;
        this.targetType = targetType;
        this.targetId = targetId;
        this.details = details;
        this.prevHash = prevHash;
        this.hash = hash;
    }

    public Long getId() {
        return id;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getTargetType() {
        return targetType;
    }

    public String getTargetId() {
        return targetId;
    }

    /** @return canonical JSON of the event's facts (secrets already redacted) */
    public String getDetails() {
        return details;
    }

    public String getPrevHash() {
        return prevHash;
    }

    public String getHash() {
        return hash;
    }
}
