package dev.upshift.remote;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a remote command did.
 *
 * @param exitCode the command's exit status, or {@code -1} when it timed out or the server sent none
 * @param timedOut the command was still running at the timeout and its channel was closed
 * @param lines    stdout and stderr lines in arrival order
 */
public record ExecResult(String command, int exitCode, boolean timedOut, List<OutputLine> lines, Duration took) {

    public ExecResult {
        lines = List.copyOf(lines);
    }

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    public String stdout() {
        return text(OutputLine.Stream.STDOUT);
    }

    public String stderr() {
        return text(OutputLine.Stream.STDERR);
    }

    private String text(OutputLine.Stream stream) {
        return lines.stream().filter(l -> l.stream() == stream).map(OutputLine::text).collect(Collectors.joining("\n"));
    }

    /** A one-line summary for logs and step records. */
    public String summary() {
        return timedOut ? "`" + command + "` timed out after " + took.toSeconds() + " s and was stopped"
                : "`" + command + "` exited with " + exitCode;
    }
}
