package dev.upshift.run;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One pre-flight check result of a run (replaced each time pre-flight runs). */
@Entity
@Table(name = "run_check")
public class RunCheck {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "run_id")
    private Long runId;

    private int position;
    private String name;
    private String server;
    private boolean ok;
    private String message;

    @Column(name = "checked_at")
    private Instant checkedAt;

    protected RunCheck() {
    }

    RunCheck(Long runId, int position, String name, String server, boolean ok, String message, Instant checkedAt) {
        this.runId = runId;
        this.position = position;
        this.name = name;
        this.server = server;
        this.ok = ok;
        this.message = message.length() > 4000 ? message.substring(0, 4000) : message;
        this.checkedAt = checkedAt;
    }

    public Long getId() { return id; }
    public Long getRunId() { return runId; }
    public int getPosition() { return position; }
    public String getName() { return name; }
    public String getServer() { return server; }
    public boolean isOk() { return ok; }
    public String getMessage() { return message; }
    public Instant getCheckedAt() { return checkedAt; }
}
