package dev.upshift.run;

/**
 * A run on a cluster that requires approval was not started: no valid approval by another user (409). The start's
 * transaction rolls back; {@link RunApprovals#recordRefusal} then records the refusal (and any approval it found
 * void) in a transaction of its own.
 */
public class ApprovalRequiredException extends RunConflictException {

    private final Long runId;
    private final String planFingerprint;

    ApprovalRequiredException(Long runId, String planFingerprint, String message) {
        super(message);
        this.runId = runId;
        this.planFingerprint = planFingerprint;
    }

    public Long runId() {
        return runId;
    }

    String planFingerprint() {
        return planFingerprint;
    }
}
