package dev.upshift.run;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One captured line of a step's output. {@code stream} is STDOUT or STDERR for command output, PANEL for what the
 * panel itself reports (command started, gate waiting, verification), TRUNCATED for the marker written at the cap.
 */
@Entity
@Table(name = "step_output")
public class StepOutputLine {

    public static final String STDOUT = "STDOUT";
    public static final String STDERR = "STDERR";
    public static final String PANEL = "PANEL";
    public static final String TRUNCATED = "TRUNCATED";

    static final int MAX_TEXT = 8000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "step_id")
    private Long stepId;

    private int seq;
    private Instant at;
    private String stream;
    private String text;

    protected StepOutputLine() {
    }

    StepOutputLine(Long stepId, int seq, Instant at, String stream, String text) {
        this.stepId = stepId;
        this.seq = seq;
        this.at = at;
        this.stream = stream;
        this.text = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + " …" : text;
    }

    public Long getId() { return id; }
    public Long getStepId() { return stepId; }
    public int getSeq() { return seq; }
    public Instant getAt() { return at; }
    public String getStream() { return stream; }
    public String getText() { return text; }
}
