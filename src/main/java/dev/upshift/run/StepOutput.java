package dev.upshift.run;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.upshift.remote.OutputLine;

/**
 * Captures a running step's output: each line is committed on its own (so nothing shown is lost in a crash) up to
 * {@link RunProperties#outputCap()} lines per step, then one TRUNCATED marker; every line, kept or not, is published
 * as {@link StepOutputAppended} for the live page.
 */
@Component
class StepOutput {

    private static final Pattern STACK_FRAME = Pattern.compile("\\s+(at [\\w$.<>/]+\\(.*\\)( ~?\\[.*\\])?|\\.\\.\\. \\d+ more)\\s*");

    private final StepOutputRepository lines;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RunProperties properties;

    StepOutput(StepOutputRepository lines, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock,
               RunProperties properties) {
        this.lines = lines;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
    }

    Recorder open(Long runId, Long stepId) {
        int last = tx.execute(s -> lines.lastSeq(stepId));
        int keptBefore = (int) (long) tx.execute(s -> lines.countByStepIdAndStreamNot(stepId, StepOutputLine.TRUNCATED));
        return new Recorder(runId, stepId, last, keptBefore);
    }

    /** One step's output while it runs; safe to call from the SSH reader threads. */
    final class Recorder {

        private final Long runId;
        private final Long stepId;
        private int seq;
        private int kept;
        private int dropped;
        private final Deque<String> stderrTail = new ArrayDeque<>();
        private int framesLeftOut;
        private final Deque<String> tail = new ArrayDeque<>();

        private Recorder(Long runId, Long stepId, int lastSeq, int keptBefore) {
            this.runId = runId;
            this.stepId = stepId;
            this.seq = lastSeq;
            this.kept = keptBefore;
        }

        void onLine(OutputLine line) {
            add(line.stream() == OutputLine.Stream.STDERR ? StepOutputLine.STDERR : StepOutputLine.STDOUT, line.text(),
                    line.at());
        }

        void panel(String text) {
            add(StepOutputLine.PANEL, text, clock.instant());
        }

        synchronized void add(String stream, String text, java.time.Instant at) {
            remember(stream, text);
            if (kept < properties.outputCap()) {
                int n = ++seq;
                kept++;
                tx.executeWithoutResult(s -> lines.save(new StepOutputLine(stepId, n, at, stream, text)));
                events.publishEvent(new StepOutputAppended(runId, stepId, n, at, stream, text));
                return;
            }
            if (dropped++ == 0) {
                int n = ++seq;
                String marker = "[upshift] output truncated: only the first " + properties.outputCap()
                        + " lines of this step are stored; later lines are shown live only";
                tx.executeWithoutResult(s -> lines.save(new StepOutputLine(stepId, n, at, StepOutputLine.TRUNCATED, marker)));
                events.publishEvent(new StepOutputAppended(runId, stepId, n, at, StepOutputLine.TRUNCATED, marker));
            }
            events.publishEvent(new StepOutputAppended(runId, stepId, 0, at, stream, text));
        }

        private void remember(String stream, String text) {
            int max = properties.diagnosisLines();
            if (StepOutputLine.STDERR.equals(stream)) {
                // a Java tool's stack trace would fill the tail with frames and push its message out of it
                if (isStackFrame(text)) {
                    framesLeftOut++;
                } else {
                    stderrTail.addLast(text);
                    if (stderrTail.size() > max) stderrTail.removeFirst();
                }
            }
            tail.addLast(text);
            if (tail.size() > max) tail.removeFirst();
        }

        /** The last stderr lines, Java stack frames left out (the stored output has them). */
        synchronized List<String> stderrTail() {
            return List.copyOf(stderrTail);
        }

        /** How many stack-frame lines {@link #stderrTail()} left out. */
        synchronized int framesLeftOut() {
            return framesLeftOut;
        }

        synchronized List<String> tail() {
            return List.copyOf(tail);
        }

        synchronized int kept() {
            return kept;
        }

        synchronized int dropped() {
            return dropped;
        }

        Long stepId() {
            return stepId;
        }
    }


    /** {@code \tat pkg.Class.method(File.java:12)} (a log4j {@code ~[jar]} suffix too) or {@code \t... 13 more}. */
    static boolean isStackFrame(String line) {
        return STACK_FRAME.matcher(line).matches();
    }
}
