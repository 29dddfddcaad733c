package dev.upshift.history;

import java.util.List;
import java.util.stream.Collectors;

import dev.upshift.history.RunReview.Phase;
import dev.upshift.history.RunReview.StepRecord;
import dev.upshift.run.RunView;
import dev.upshift.run.RunView.StepView;
import dev.upshift.run.StepCommand;

/**
 * Writes a run's report as GitHub-flavoured Markdown for a change-management ticket: the facts, acknowledgements,
 * approvals, pre-flight checks, the plan, every step with times, actors and outcomes, the backups' checksums, the
 * membership changes during the run and the membership it left. Every table cell goes through {@link #cell}, so a
 * {@code |} or a line break in a value cannot break its table, and HTML in a value is shown, not rendered.
 */
public final class RunReportMarkdown {

    private final StringBuilder out = new StringBuilder();

    private RunReportMarkdown() {
    }

    public static String write(RunReview review) {
        return new RunReportMarkdown().report(review);
    }

    /** A table cell: HTML-escaped, {@code \} and {@code |} escaped, line breaks as {@code <br>}. */
    static String cell(Object value) {
        if (value == null) return "—";
        String text = value.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\\", "\\\\").replace("|", "\\|");
        return text.strip().replace("\r\n", "\n").replace('\r', '\n').replace("\n", "<br>");
    }

    /** Running text (a heading, a list item): on one line, HTML-escaped. */
    static String text(Object value) {
        return value == null ? "—" : value.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private String report(RunReview review) {
        RunView run = review.run();
        line("# Upshift run #" + run.id() + ": " + text(run.clusterName()) + " " + text(run.sourceVersion()) + " → "
                + text(run.targetVersion()));
        section("Summary");
        table(List.of("Fact", "Value"), List.of(
                List.of("Cluster", run.clusterName() + " (id " + run.clusterId() + ")"),
                List.of("Versions", run.sourceVersion() + " → " + run.targetVersion()),
                List.of("Method", run.method()), List.of("Mode", run.mode()),
                List.of("Status", run.status() + (run.statusReason() == null ? "" : ": " + run.statusReason())),
                List.of("Planned", run.createdAt() + " by " + run.createdBy()),
                List.of("Started", run.startedAt() == null ? "—" : run.startedAt() + " by " + run.startedBy()),
                List.of("Ended", run.endedAt() == null ? "—" : String.valueOf(run.endedAt())),
                List.of("Expected store format", run.expectedStoreFormat() == null ? "—" : run.expectedStoreFormat())));

        section("Acknowledgements");
        if (run.requiredAcknowledgements().isEmpty()) line("None required.");
        table(List.of("Acknowledgement", "Given", "By", "At"), run.requiredAcknowledgements().stream().map(a -> List.of(a,
                run.givenAcknowledgements().contains(a) ? "yes" : "no",
                run.givenAcknowledgements().contains(a) ? run.startedBy() : "—",
                run.givenAcknowledgements().contains(a) ? String.valueOf(run.startedAt()) : "—")).toList());

        section("Approvals");
        if (review.approvals().isEmpty()) line("No approvals recorded.");
        table(List.of("Approved by", "At", "State", "Plan fingerprint"), review.approvals().stream()
                .map(a -> List.of(a.by(), String.valueOf(a.at()), a.state(), a.fingerprint())).toList());

        section("Pre-flight checks");
        if (run.checks().isEmpty()) line("Pre-flight never ran.");
        table(List.of("Check", "Server", "Result", "Message", "Checked at"), run.checks().stream()
                .map(c -> List.of(c.name(), nz(c.server()), c.ok() ? "ok" : "FAILED", c.message(), String.valueOf(c.checkedAt())))
                .toList());

        section("Plan");
        for (Phase phase : review.phases()) {
            line("### Phase " + (phase.index() + 1) + ": " + text(phase.title()));
            line("");
            table(List.of("#", "Step", "Server", "Section", "Actor", "Commands"), phase.steps().stream()
                    .map(s -> List.of(String.valueOf(s.position() + 1), s.key(), nz(s.server()), s.section(), s.actor(),
                            commands(s))).toList());
        }

        section("Steps");
        table(List.of("#", "Step", "Server", "Outcome", "Actor", "Acted by", "Started", "Ended", "Duration", "Exit",
                "Notes and skip reason"), review.steps().stream().map(RunReportMarkdown::stepRow).toList());

        section("Backups");
        if (review.backups().isEmpty()) line("No backup step succeeded in this run.");
        table(List.of("Step", "Server", "File", "SHA-256", "At"), review.backups().stream()
                .map(b -> List.of(b.stepKey(), nz(b.server()), b.path() == null ? "—" : b.path(),
                        b.sha256() == null ? "not recorded" : b.sha256(), String.valueOf(b.at()))).toList());

        section("Membership changes during the run");
        if (review.changes().isEmpty()) line("No membership change was recorded while the run went on.");
        table(List.of("Time", "Change", "Member"), review.changes().stream()
                .map(c -> List.of(String.valueOf(c.getOccurredAt()), c.getKind().name(), c.describe())).toList());

        section("Final membership");
        line("From " + text(review.membership().source()) + ".");
        line("");
        table(List.of("Member", "Role", "Version", "Present"), review.membership().members().stream()
                .map(m -> List.of(m.address(), nz(m.role()), nz(m.version()), m.present() ? "yes" : "no")).toList());
        return out.toString();
    }

    private static List<String> stepRow(StepRecord r) {
        StepView s = r.step();
        String notes = String.join("\n", List.of(nz(s.notes()), s.skipReason() == null ? "" : "Skipped: " + s.skipReason(),
                s.diagnosis() == null ? "" : "Diagnosis: " + s.diagnosis()).stream().filter(x -> !x.isBlank()).toList());
        return List.of(String.valueOf(s.position() + 1), s.key(), nz(s.server()), s.status().name(), s.actor(),
                nz(s.actedBy()), s.startedAt() == null ? "" : s.startedAt().toString(),
                s.endedAt() == null ? "" : s.endedAt().toString(), nz(r.duration()),
                s.exitCode() == null ? "" : s.exitCode().toString(), notes);
    }

    private static String commands(StepView s) {
        return s.commands().stream().map(StepCommand::display).collect(Collectors.joining("\n"));
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    private void section(String title) {
        line("");
        line("## " + title);
        line("");
    }

    private void table(List<String> header, List<List<String>> rows) {
        if (rows.isEmpty()) return;
        line("| " + String.join(" | ", header.stream().map(RunReportMarkdown::cell).toList()) + " |");
        line("|" + " --- |".repeat(header.size()));
        rows.forEach(r -> line("| " + String.join(" | ", r.stream().map(RunReportMarkdown::cell).toList()) + " |"));
        line("");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
