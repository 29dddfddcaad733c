package dev.upshift.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A registered Neo4j Causal Cluster: how to reach it over Bolt, and its servers (reached over SSH). */
@Entity
@Table(name = "cluster")
public class Cluster {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    @Column(name = "bolt_uri")
    private String boltUri;

    @Enumerated(EnumType.STRING)
    @Column(name = "neo4j_auth")
    private Neo4jAuth neo4jAuth;

    @Column(name = "neo4j_username")
    private String neo4jUsername;

    @Column(name = "neo4j_password_enc")
    private String neo4jPasswordEnc;

    @Enumerated(EnumType.STRING)
    private ClusterOrigin origin;

    @Column(name = "lab_id")
    private String labId;

    /** A run on this cluster starts only after a different user (AUDITOR or ADMIN) approved its plan. */
    @Column(name = "requires_approval")
    private boolean requiresApproval;

    /** Where run events are POSTed (JSON), or null. */
    @Column(name = "webhook_url")
    private String webhookUrl;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    @OneToMany(mappedBy = "cluster", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<ClusterServer> servers = new ArrayList<>();

    protected Cluster() {
    }

    public Cluster(String name, ClusterOrigin origin, String labId, Instant now) {
        this.name = name;
        this.origin = origin;
        this.labId = labId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void describe(String name, String boltUri, Neo4jAuth auth, String username, String passwordEnc, Instant now) {
        this.name = name;
        this.boltUri = boltUri;
        this.neo4jAuth = auth;
        this.neo4jUsername = auth == Neo4jAuth.BASIC ? username : null;
        this.neo4jPasswordEnc = auth == Neo4jAuth.BASIC ? passwordEnc : null;
        this.updatedAt = now;
    }

    void settings(boolean requiresApproval, String webhookUrl) {
        this.requiresApproval = requiresApproval;
        this.webhookUrl = webhookUrl;
    }

    /** Replaces the server list; servers keep their identity (and stored secrets) when their address is unchanged. */
    void replaceServers(List<ClusterServer> next) {
        servers.removeIf(s -> next.stream().noneMatch(n -> n == s));
        for (int i = 0; i < next.size(); i++) {
            ClusterServer s = next.get(i);
            s.attach(this, i);
            if (!servers.contains(s)) {
                servers.add(s);
            }
        }
        servers.sort((a, b) -> Integer.compare(a.getPosition(), b.getPosition()));
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public String getBoltUri() { return boltUri; }
    public Neo4jAuth getNeo4jAuth() { return neo4jAuth; }
    public String getNeo4jUsername() { return neo4jUsername; }
    String getNeo4jPasswordEnc() { return neo4jPasswordEnc; }
    public ClusterOrigin getOrigin() { return origin; }
    public String getLabId() { return labId; }
    public boolean isRequiresApproval() { return requiresApproval; }
    public String getWebhookUrl() { return webhookUrl; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public List<ClusterServer> getServers() { return servers; }
}
