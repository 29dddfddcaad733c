package dev.upshift.run;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.upshift.procedure.Actor;
import dev.upshift.procedure.Gate;
import dev.upshift.procedure.PhaseKind;
import dev.upshift.procedure.StepKey;
import dev.upshift.procedure.Verification;

/**
 * One planned step of a run, stored as planned (the manual's text, the rendered commands) plus what happened when
 * it ran. The {@code @Version} makes two clicks on one step act once: the second sees a changed status or loses the
 * optimistic lock.
 */
@Entity
@Table(name = "run_step")
public class RunStep {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "run_id")
    private Long runId;

    private int position;

    @Column(name = "phase_index")
    private int phaseIndex;

    @Enumerated(EnumType.STRING)
    @Column(name = "phase_kind")
    private PhaseKind phaseKind;

    @Column(name = "phase_title")
    private String phaseTitle;

    @Enumerated(EnumType.STRING)
    @Column(name = "step_key")
    private StepKey key;

    private String server;
    private String section;

    @Column(name = "manual_text")
    private String manualText;

    @Enumerated(EnumType.STRING)
    private Actor actor;

    /** JSON array of {@link StepCommand}. */
    private String commands;

    @Enumerated(EnumType.STRING)
    @Column(name = "verification_kind")
    private Verification.Kind verificationKind;

    @Column(name = "verification_text")
    private String verificationText;

    @Column(name = "retry_safe")
    private boolean retrySafe;

    @Enumerated(EnumType.STRING)
    private Gate gate;

    @Column(name = "recheck_leader")
    private boolean recheckLeader;

    private String omitted;

    @Enumerated(EnumType.STRING)
    private StepStatus status;

    @Column(name = "skip_code")
    private String skipCode;

    @Column(name = "skip_reason")
    private String skipReason;

    @Column(name = "waiting_reason")
    private String waitingReason;

    @Column(name = "acted_by")
    private String actedBy;

    @Column(name = "started_at")
    private Instant startedAt;

    /** Set just before the first command is sent: until then an interrupted step has changed nothing. */
    @Column(name = "commands_started_at")
    private Instant commandsStartedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "exit_code")
    private Integer exitCode;

    private String notes;
    private String diagnosis;
    private int attempts;

    @Column(name = "output_lines")
    private int outputLines;

    @Column(name = "output_dropped")
    private int outputDropped;

    @Version
    private long version;

    protected RunStep() {
    }

    RunStep(Long runId, int position, int phaseIndex, PhaseKind phaseKind, String phaseTitle, StepKey key, String server,
            String section, String manualText, Actor actor, String commands, Verification.Kind verificationKind,
            String verificationText, boolean retrySafe, Gate gate, boolean recheckLeader, String omitted) {
        this.runId = runId;
        this.position = position;
        this.phaseIndex = phaseIndex;
        this.phaseKind = phaseKind;
        this.phaseTitle = phaseTitle;
        this.key = key;
        this.server = server;
        this.section = section;
        this.manualText = manualText;
        this.actor = actor;
        this.commands = commands;
        this.verificationKind = verificationKind;
        this.verificationText = verificationText;
        this.retrySafe = retrySafe;
        this.gate = gate;
        this.recheckLeader = recheckLeader;
        this.omitted = omitted;
        this.status = StepStatus.PENDING;
    }

    /** A conditional step the planner did not plan: skipped from the start, with the manual's condition. */
    void plannedSkip(String code, String reason) {
        this.status = StepStatus.SKIPPED;
        this.skipCode = code;
        this.skipReason = reason;
    }

    void begin(String by, Instant at) {
        require(status == StepStatus.PENDING || status == StepStatus.FAILED, "start");
        this.status = StepStatus.RUNNING;
        this.actedBy = by;
        this.startedAt = at;
        this.commandsStartedAt = null;
        this.endedAt = null;
        this.exitCode = null;
        this.diagnosis = null;
        this.waitingReason = null;
        this.attempts++;
    }

    /** Runs the step again: a FAILED step, or one left RUNNING by an interruption. */
    void restart(String by, Instant at) {
        require(status == StepStatus.FAILED || status == StepStatus.RUNNING, "be retried");
        this.status = StepStatus.PENDING;
        begin(by, at);
    }

    void waiting(String reason) {
        this.waitingReason = reason;
    }

    void commandsStarted(Instant at) {
        this.commandsStartedAt = at;
        this.waitingReason = null;
    }

    void succeed(Integer exitCode, String note, Instant at) {
        require(status == StepStatus.RUNNING, "succeed");
        this.status = StepStatus.SUCCEEDED;
        this.exitCode = exitCode;
        this.waitingReason = null;
        this.endedAt = at;
        addNote(note);
    }

    void fail(Integer exitCode, String diagnosis, Instant at) {
        require(status == StepStatus.RUNNING, "fail");
        this.status = StepStatus.FAILED;
        this.exitCode = exitCode;
        this.diagnosis = diagnosis;
        this.waitingReason = null;
        this.endedAt = at;
    }

    /** The operator skips a pending or failed step; the reason is required and kept. */
    void skip(String reason, String by, Instant at) {
        require(status == StepStatus.PENDING || status == StepStatus.FAILED, "be skipped");
        if (reason == null || reason.isBlank()) {
            throw new RunRequestException("Skipping step " + id + " (" + key + ") needs a reason.");
        }
        this.status = StepStatus.SKIPPED;
        this.skipCode = "OPERATOR";
        this.skipReason = reason.trim();
        this.actedBy = by;
        this.endedAt = at;
    }

    /** An interrupted step that never sent a command goes back to PENDING: nothing of it happened. */
    void resetUnstarted(String note) {
        require(status == StepStatus.RUNNING && commandsStartedAt == null, "be reset");
        this.status = StepStatus.PENDING;
        this.startedAt = null;
        this.waitingReason = null;
        addNote(note);
    }

    void addNote(String note) {
        if (note == null || note.isBlank()) return;
        String joined = notes == null ? note : notes + "\n" + note;
        this.notes = joined.length() > 4000 ? joined.substring(joined.length() - 4000) : joined;
    }

    /** Written when the step ends (the recorder counts while it runs, so output never contends with the status). */
    void outputCounted(int kept, int dropped) {
        this.outputLines = kept;
        this.outputDropped = dropped;
    }

    void moveTo(int newPosition) {
        this.position = newPosition;
    }

    private void require(boolean ok, String action) {
        if (!ok) throw new RunConflictException("Step " + id + " (" + key + (server == null ? "" : " on " + server)
                + ") cannot " + action + ": it is " + status + ".");
    }

    public boolean isClusterWide() { return server == null; }
    public Long getId() { return id; }
    public Long getRunId() { return runId; }
    public int getPosition() { return position; }
    public int getPhaseIndex() { return phaseIndex; }
    public PhaseKind getPhaseKind() { return phaseKind; }
    public String getPhaseTitle() { return phaseTitle; }
    public StepKey getKey() { return key; }
    public String getServer() { return server; }
    public String getSection() { return section; }
    public String getManualText() { return manualText; }
    public Actor getActor() { return actor; }
    public String getCommands() { return commands; }
    public Verification.Kind getVerificationKind() { return verificationKind; }
    public String getVerificationText() { return verificationText; }
    public boolean isRetrySafe() { return retrySafe; }
    public Gate getGate() { return gate; }
    public boolean isRecheckLeader() { return recheckLeader; }
    public String getOmitted() { return omitted; }
    public StepStatus getStatus() { return status; }
    public String getSkipCode() { return skipCode; }
    public String getSkipReason() { return skipReason; }
    public String getWaitingReason() { return waitingReason; }
    public String getActedBy() { return actedBy; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getCommandsStartedAt() { return commandsStartedAt; }
    public Instant getEndedAt() { return endedAt; }
    public Integer getExitCode() { return exitCode; }
    public String getNotes() { return notes; }
    public String getDiagnosis() { return diagnosis; }
    public int getAttempts() { return attempts; }
    public int getOutputLines() { return outputLines; }
    public int getOutputDropped() { return outputDropped; }
    public long getVersion() { return version; }
}
