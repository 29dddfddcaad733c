package dev.upshift.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The single row that names the newest event of the chain; appends lock it. */
@Entity
@Table(name = "audit_head")
class AuditHead {

    static final int ID = 1;

    @Id
    private Integer id;

    @Column(name = "last_id", nullable = false)
    private long lastId;

    @Column(name = "last_hash", nullable = false, length = 64, columnDefinition = "char(64)")
    private String lastHash;

    protected AuditHead() {
    }

    long lastId() {
        return lastId;
    }

    String lastHash() {
        return lastHash;
    }

    void advance(long id, String hash) {
        this.lastId = id;
        this.lastHash = hash;
    }
}
