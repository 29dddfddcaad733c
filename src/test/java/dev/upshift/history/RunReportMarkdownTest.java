package dev.upshift.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.upshift.run.RunApprovals.ApprovalView;

class RunReportMarkdownTest {

    final String md = RunReportMarkdown.write(ReviewFixtures.review());

    @Test
    void cellsEscapePipesLineBreaksBackslashesAndHtml() {
        assertThat(RunReportMarkdown.cell("a|b")).isEqualTo("a\\|b");
        assertThat(RunReportMarkdown.cell("one\r\ntwo\nthree\rfour")).isEqualTo("one<br>two<br>three<br>four");
        assertThat(RunReportMarkdown.cell("C:\\dir|x")).isEqualTo("C:\\\\dir\\|x");
        assertThat(RunReportMarkdown.cell("<script>&")).isEqualTo("&lt;script&gt;&amp;");
        assertThat(RunReportMarkdown.cell(null)).isEqualTo("—");
        assertThat(RunReportMarkdown.text("a\n  b")).isEqualTo("a b");
    }

    @Test
    void hasEverySectionInOrder() {
        List<String> headings = md.lines().filter(l -> l.startsWith("#")).toList();

        assertThat(headings).containsExactly("# Upshift run #42: prod|east 3.4.5 → 3.4.6", "## Summary",
                "## Acknowledgements", "## Approvals", "## Pre-flight checks", "## Plan", "### Phase 1: Before",
                "### Phase 2: Upgrade 10.0.0.1", "## Steps", "## Backups", "## Membership changes during the run",
                "## Final membership");
        assertThat(md).contains("No approvals recorded.");
    }

    @Test
    void listsEveryApprovalWithItsStateAndThePlanItWasFor() {
        RunReview r = ReviewFixtures.review();
        String fingerprint = "ab".repeat(32);
        String withApprovals = RunReportMarkdown.write(new RunReview(r.run(), r.phases(), r.steps(), r.picture(),
                r.backups(), r.changes(), r.membership(), List.of(
                        new ApprovalView("lead", ReviewFixtures.T0.minusSeconds(50), "cd".repeat(32), false, "void"),
                        new ApprovalView("auditor|2", ReviewFixtures.T0.minusSeconds(20), fingerprint, true, "valid"))));

        assertThat(withApprovals).doesNotContain("No approvals recorded.");
        assertThat(withApprovals).contains("| Approved by | At | State | Plan fingerprint |\n| --- | --- | --- | --- |\n"
                + "| lead | 2026-11-26T01:59:10Z | void | " + "cd".repeat(32) + " |\n"
                + "| auditor\\|2 | 2026-11-26T01:59:40Z | valid | " + fingerprint + " |\n");
    }

    @Test
    void everyTableRowHasAsManyCellsAsItsHeader() {
        List<String> rows = md.lines().filter(l -> l.startsWith("|")).toList();
        int expected = -1;
        for (String row : rows) {
            int cells = row.replace("\\|", "").split("\\|", -1).length;
            if (row.startsWith("| ---") || row.startsWith("| #") || row.startsWith("| Fact") || row.startsWith("| Ack")
                    || row.startsWith("| Check") || row.startsWith("| Step") || row.startsWith("| Time")
                    || row.startsWith("| Member")) {
                if (!row.startsWith("| ---") && !row.startsWith("|" + " --- |")) expected = cells;
            }
            assertThat(cells).as(row).isEqualTo(expected);
        }
        assertThat(rows).isNotEmpty();
    }

    @Test
    void listsEveryStepWithTimesActorsAndOutcomes() {
        assertThat(md).contains("| 2 | SRV_STOP | 10.0.0.1 | SUCCEEDED | PANEL_SSH | dba | 2026-11-26T02:00:10Z | "
                + "2026-11-26T02:01:10Z | 1 min 00 s | 0 | stopped<br>by the panel |");
        assertThat(md).contains("| 3 | SRV_INSTALL | 10.0.0.1 | SKIPPED | PANEL_SSH |  |  | 2026-11-26T02:01:20Z |  |  | "
                + "Skipped: already \\| installed<br>by hand &lt;b&gt; |");
        assertThat(md).contains("| Cluster | prod\\|east (id 5) |");
        assertThat(md).contains("| no-downgrade | yes | dba | 2026-11-26T02:00:00Z |");
        assertThat(md).contains("neo4j stop \\| tee /tmp/x");
    }

    @Test
    void listsTheBackupsWithTheirChecksumsAndTheFinalMembership() {
        assertThat(md).contains("| PRE_BACKUP_CONF | 10.0.0.1 | /backup/neo4j.conf | " + ReviewFixtures.SHA + " |");
        assertThat(md).contains("| PRE_BACKUP_CONF | 10.0.0.1 | /opt/neo4j/conf/neo4j.conf | " + ReviewFixtures.SHA + " |");
        assertThat(md).contains("10.0.0.1 left (was FOLLOWER)");
        assertThat(md).contains("| 10.0.0.1 | FOLLOWER |  | no |");
    }
}
