package dev.upshift.run;

/** The run or step is not in a state that allows the action (409), e.g. a second click or another active run. */
public class RunConflictException extends RuntimeException {

    private final Long activeRunId;

    public RunConflictException(String message) {
        this(message, null);
    }

    public RunConflictException(String message, Long activeRunId) {
        super(message);
        this.activeRunId = activeRunId;
    }

    /** The run that holds the cluster, when that is why the action was refused. */
    public Long activeRunId() {
        return activeRunId;
    }
}
