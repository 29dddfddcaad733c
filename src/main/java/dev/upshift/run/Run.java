package dev.upshift.run;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.upshift.procedure.Method;

/**
 * One upgrade of one cluster: the plan it was made with (its {@link RunStep}s) and where execution stands. The
 * run's own transitions live here so they can be checked without a database; {@link RunTransitions} commits each one
 * with its audit event.
 */
@Entity
@Table(name = "upgrade_run")
public class Run {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "cluster_id")
    private Long clusterId;

    @Column(name = "cluster_name")
    private String clusterName;

    /** Equal to clusterId while the run holds the cluster; a unique index allows one such run per cluster. */
    @Column(name = "active_cluster_id")
    private Long activeClusterId;

    @Enumerated(EnumType.STRING)
    private Method method;

    @Enumerated(EnumType.STRING)
    private RunMode mode;

    @Enumerated(EnumType.STRING)
    private RunStatus status;

    @Column(name = "source_version")
    private String sourceVersion;

    @Column(name = "target_version")
    private String targetVersion;

    @Column(name = "expected_store_format")
    private String expectedStoreFormat;

    @Column(name = "seed_server")
    private String seedServer;

    @Column(name = "required_acks")
    private String requiredAcks;

    @Column(name = "given_acks")
    private String givenAcks;

    private String advisories;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "started_by")
    private String startedBy;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "status_reason")
    private String statusReason;

    /** For a rollback run: the failed or aborted upgrade run it rolls back; null for an upgrade. */
    @Column(name = "rollback_of")
    private Long rollbackOf;

    @Version
    private long version;

    protected Run() {
    }

    Run(Long clusterId, String clusterName, Method method, RunMode mode, String sourceVersion, String targetVersion,
        String createdBy, Instant createdAt) {
        this.clusterId = clusterId;
        this.clusterName = clusterName;
        this.method = method;
        this.mode = mode;
        this.status = RunStatus.PLANNED;
        this.sourceVersion = sourceVersion;
        this.targetVersion = targetVersion;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.requiredAcks = "";
    }

    /** Marks a new run as the rollback of {@code failedRun} (before it is first saved). */
    void rollBack(Long failedRun) {
        this.rollbackOf = failedRun;
    }

    public boolean isRollback() {
        return rollbackOf != null;
    }

    void describePlan(String expectedStoreFormat, String seedServer, List<String> acks, List<String> advisories) {
        this.expectedStoreFormat = expectedStoreFormat;
        this.seedServer = seedServer;
        this.requiredAcks = String.join(",", acks);
        this.advisories = advisories.isEmpty() ? null : String.join("\n", advisories);
    }

    /** PLANNED → RUNNING, with every acknowledgement the plan requires. */
    void start(List<String> acknowledged, String by, Instant at) {
        require(status == RunStatus.PLANNED, "start", "it is " + status + " (only a PLANNED run starts)");
        List<String> missing = requiredAcks().stream().filter(a -> !acknowledged.contains(a)).toList();
        if (!missing.isEmpty()) {
            throw new RunRequestException("Starting run " + id + " needs the acknowledgement(s) " + missing
                    + ": " + String.join(" ", missing.stream().map(Run::ackMeaning).toList()));
        }
        this.givenAcks = String.join(",", acknowledged);
        this.startedBy = by;
        this.startedAt = at;
        this.activeClusterId = clusterId;
        this.status = RunStatus.RUNNING;
        this.statusReason = null;
    }

    void pause(String reason) {
        require(status == RunStatus.RUNNING, "pause", "it is " + status + " (only a RUNNING run pauses)");
        this.status = RunStatus.PAUSED;
        this.statusReason = reason;
    }

    /** PAUSED or INTERRUPTED → RUNNING. A FAILED run goes on only by retrying or skipping its failed step. */
    void resume() {
        require(status == RunStatus.PAUSED || status == RunStatus.INTERRUPTED, "resume",
                "it is " + status + (status == RunStatus.FAILED ? " (retry the failed step, skip it with a reason, or abort)"
                        : " (a PAUSED or INTERRUPTED run resumes)"));
        this.status = RunStatus.RUNNING;
        this.statusReason = null;
        this.endedAt = null;
    }

    /** FAILED, INTERRUPTED or PAUSED → RUNNING, to run one step again on the operator's word. */
    void retry() {
        require(status == RunStatus.FAILED || status == RunStatus.INTERRUPTED || status == RunStatus.PAUSED, "retry a step",
                "it is " + status);
        this.status = RunStatus.RUNNING;
        this.statusReason = null;
        this.endedAt = null;
    }

    /** FAILED or INTERRUPTED → PAUSED after the operator skipped the step it stood on. */
    void holdAfterSkip(String reason) {
        if (status == RunStatus.FAILED || status == RunStatus.INTERRUPTED) {
            this.status = RunStatus.PAUSED;
            this.statusReason = reason;
            this.endedAt = null;
        }
    }

    void fail(String reason, Instant at) {
        require(status == RunStatus.RUNNING || status == RunStatus.PAUSED || status == RunStatus.INTERRUPTED,
                "fail", "it is " + status);
        this.status = RunStatus.FAILED;
        this.statusReason = reason;
        this.endedAt = at;
    }

    void succeed(Instant at) {
        require(status == RunStatus.RUNNING, "complete", "it is " + status);
        this.status = RunStatus.SUCCEEDED;
        this.statusReason = null;
        this.endedAt = at;
        this.activeClusterId = null;
    }

    /**
     * Ends the run. While a step is still executing the cluster stays held (that step's commands are still running on
     * a server); {@link #release()} follows when the step ends.
     */
    void abort(String reason, Instant at, boolean stepInFlight) {
        require(!status.isFinished(), "abort", "it is already " + status);
        this.status = RunStatus.ABORTED;
        this.statusReason = reason;
        this.endedAt = at;
        if (!stepInFlight) this.activeClusterId = null;
    }

    void interrupt(String reason) {
        this.status = RunStatus.INTERRUPTED;
        this.statusReason = reason;
    }

    void release() {
        this.activeClusterId = null;
    }

    private void require(boolean ok, String action, String why) {
        if (!ok) throw new RunConflictException("Run " + id + " cannot " + action + ": " + why + ".");
    }

    static String ackMeaning(String ack) {
        return switch (ack) {
            case "no-downgrade" -> "no-downgrade: Neo4j does not support downgrades; a failed upgrade means a full "
                    + "rollback, restoring the pre-upgrade backup (5.3.1).";
            case "write-load" -> "write-load: disable write load during a rolling upgrade, the safest way (5.3.2).";
            case "restore-backup" -> "restore-backup: the database goes back to the pre-upgrade full backup; whatever "
                    + "was written after it is lost.";
            default -> ack + ".";
        };
    }

    public List<String> requiredAcks() {
        return requiredAcks == null || requiredAcks.isBlank() ? List.of() : Arrays.asList(requiredAcks.split(","));
    }

    public List<String> givenAcks() {
        return givenAcks == null || givenAcks.isBlank() ? List.of() : Arrays.asList(givenAcks.split(","));
    }

    public List<String> advisories() {
        return advisories == null ? List.of() : Arrays.asList(advisories.split("\n"));
    }

    public Long getId() { return id; }
    public Long getClusterId() { return clusterId; }
    public String getClusterName() { return clusterName; }
    public Long getActiveClusterId() { return activeClusterId; }
    public Method getMethod() { return method; }
    public RunMode getMode() { return mode; }
    public RunStatus getStatus() { return status; }
    public String getSourceVersion() { return sourceVersion; }
    public String getTargetVersion() { return targetVersion; }
    public String getExpectedStoreFormat() { return expectedStoreFormat; }
    public String getSeedServer() { return seedServer; }
    public String getCreatedBy() { return createdBy; }
    public Instant getCreatedAt() { return createdAt; }
    public String getStartedBy() { return startedBy; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getEndedAt() { return endedAt; }
    public String getStatusReason() { return statusReason; }
    public Long getRollbackOf() { return rollbackOf; }
    public long getVersion() { return version; }
}
