package dev.upshift.run;

/**
 * A rollback Upshift will not plan (422), with a machine {@link #code()}: {@code BACKUP_MISSING} when the run has no
 * usable pre-upgrade full backup, without which the data cannot go back.
 */
public class RollbackRefusedException extends RuntimeException {

    private final String code;

    public RollbackRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
