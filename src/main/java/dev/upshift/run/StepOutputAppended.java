package dev.upshift.run;

import java.time.Instant;

/**
 * Published for every output line of a running step, stored or not (past the cap lines are still shown live).
 *
 * @param seq    the line's number within the step (stored lines keep it); 0 for a line past the cap
 * @param stream STDOUT, STDERR, PANEL or TRUNCATED (see {@link StepOutputLine})
 */
public record StepOutputAppended(Long runId, Long stepId, int seq, Instant at, String stream, String text) {
}
