package dev.upshift.run;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

import dev.upshift.procedure.ConfVariant;

/** The prepared neo4j.conf of one server (and variant) for one run: what the panel installs, byte for byte. */
@Entity
@Table(name = "run_conf")
public class RunConf {

    /** DERIVED: made by the panel from the current conf; EDITED: put by a person. */
    public enum Origin { DERIVED, EDITED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "run_id")
    private Long runId;

    private String server;

    @Enumerated(EnumType.STRING)
    private ConfVariant variant;

    @Lob
    private String original;

    @Lob
    private String content;

    private String sha256;

    @Enumerated(EnumType.STRING)
    private Origin origin;

    @Column(name = "accepted_by")
    private String acceptedBy;

    @Column(name = "accepted_at")
    private Instant acceptedAt;

    protected RunConf() {
    }

    RunConf(Long runId, String server, ConfVariant variant) {
        this.runId = runId;
        this.server = server;
        this.variant = variant;
    }

    void set(String original, String content, Origin origin, String by, Instant at) {
        this.original = original;
        this.content = content;
        this.sha256 = Sha256.hex(content);
        this.origin = origin;
        this.acceptedBy = by;
        this.acceptedAt = at;
    }

    public Long getId() { return id; }
    public Long getRunId() { return runId; }
    public String getServer() { return server; }
    public ConfVariant getVariant() { return variant; }
    public String getOriginal() { return original; }
    public String getContent() { return content; }
    public String getSha256() { return sha256; }
    public Origin getOrigin() { return origin; }
    public String getAcceptedBy() { return acceptedBy; }
    public Instant getAcceptedAt() { return acceptedAt; }
}
