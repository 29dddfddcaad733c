package dev.upshift.run.web;

import java.util.List;

import dev.upshift.procedure.conf.ConfDiff;
import dev.upshift.procedure.conf.ConfProblem;
import dev.upshift.run.ConfView;

/**
 * One server's prepared neo4j.conf as the conf step of the wizard shows it: the variant being edited, its diff
 * against the server's current file, and (after "validate") the problems found.
 *
 * @param index    the server's position, for element ids (addresses hold dots)
 * @param problems null until validated
 */
public record ConfEditor(Long runId, int index, String server, String role, ConfView.Variant variant,
                         List<String> variants, String content, ConfDiff diff, List<ConfProblem> problems) {

    public long added() {
        return diff.lines().stream().filter(l -> l.op() == ConfDiff.Op.ADDED).count();
    }

    public long removed() {
        return diff.lines().stream().filter(l -> l.op() == ConfDiff.Op.REMOVED).count();
    }

    public boolean hasErrors() {
        return problems != null && problems.stream().anyMatch(p -> p.severity() == ConfProblem.Severity.ERROR);
    }
}
