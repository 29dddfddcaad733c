package dev.upshift.procedure.conf;

/**
 * One finding of the validator.
 *
 * @param key  the setting concerned, or null for a line that is not a setting
 * @param line 1-based line number in the file, 0 when the problem is a missing setting
 */
public record ConfProblem(Severity severity, String key, int line, String message) {

    /** ERROR blocks accepting the conf; WARNING and INFO are shown. */
    public enum Severity { ERROR, WARNING, INFO }
}
