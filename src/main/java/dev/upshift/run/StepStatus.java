package dev.upshift.run;

/** PENDING → RUNNING → SUCCEEDED | FAILED | SKIPPED (with a reason). A FAILED step may be retried or skipped. */
public enum StepStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED;

    public boolean isDone() {
        return this == SUCCEEDED || this == SKIPPED;
    }
}
