package dev.upshift.monitor;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/** One entry of a cluster's membership change log (written by the monitor, never changed). */
@Entity
@Immutable
@Table(name = "membership_change")
public class MembershipChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "cluster_id")
    private Long clusterId;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    @Enumerated(EnumType.STRING)
    private MembershipChangeKind kind;

    private String address;

    @Column(name = "from_value")
    private String fromValue;

    @Column(name = "to_value")
    private String toValue;

    private String detail;

    protected MembershipChange() {
    }

    public MembershipChange(Long clusterId, Instant occurredAt, MembershipChangeKind kind, String address,
                            String fromValue, String toValue, String detail) {
        this.clusterId = clusterId;
        this.occurredAt = occurredAt;
        this.kind = kind;
        this.address = address;
        this.fromValue = fromValue;
        this.toValue = toValue;
        this.detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 497) + "...";
    }

    public Long getId() { return id; }
    public Long getClusterId() { return clusterId; }
    public Instant getOccurredAt() { return occurredAt; }
    public MembershipChangeKind getKind() { return kind; }
    public String getAddress() { return address; }
    public String getFromValue() { return fromValue; }
    public String getToValue() { return toValue; }
    public String getDetail() { return detail; }

    /** A sentence for the change log, e.g. "127.0.0.12 FOLLOWER → LEADER". */
    public String describe() {
        return switch (kind) {
            case MEMBER_JOINED -> address + " joined as " + toValue;
            case MEMBER_LEFT -> address + " left (was " + fromValue + ")";
            case ROLE_CHANGED -> address + " " + fromValue + " → " + toValue;
            case VERSION_CHANGED -> address + " now runs " + toValue + " (was " + fromValue + ")";
            case LEADER_CHANGED -> "leader " + (fromValue == null ? "none" : fromValue) + " → " + (toValue == null ? "none" : toValue);
            case CLUSTER_UNREACHABLE -> "cluster unreachable: " + detail;
            case CLUSTER_REACHABLE -> "cluster reachable again via " + address;
        };
    }
}
