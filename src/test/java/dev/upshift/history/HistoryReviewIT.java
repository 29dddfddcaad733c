package dev.upshift.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A run's review page with its timeline picture, and both reports (Markdown attachment, printable HTML), of the seeded
 * reviewed run.
 */
@DisplayName("review and reports")
class HistoryReviewIT extends SeededHistory {

    @Test
    void showsThePlanChecksAcknowledgementsEveryStepAndTheChangesDuringTheRun() throws Exception {
        mvc.perform(asLead("/runs/" + reviewed + "/review")).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"plan-section\""),
                        containsString("every member runs 3.4.5"), containsString("no-downgrade"),
                        containsString("No approvals recorded."), containsString("id=\"steps-timeline\""),
                        containsString("Stopping Neo4j.. stopped &lt;ok&gt;"), containsString("<details"),
                        containsString("Skipped: the &lt;lead&gt; said | not now"), containsString("2 min 00 s"),
                        containsString("10.9.0.1 left (was LEADER)"), containsString("leader 10.9.0.1 → 10.9.0.2"),
                        not(containsString("10.9.0.3 READ_REPLICA → LEADER")),
                        containsString(SHA), containsString("/backups/neo4j.conf"))));
    }

    @Test
    void drawsOneLanePerServerWithTheDownSpans() throws Exception {
        String html = mvc.perform(asLead("/runs/" + reviewed + "/review"))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("<svg").contains("id=\"timeline-title\"");
        assertThat(count(html, "class=\"lane server-lane\"")).isEqualTo(3);
        assertThat(count(html, "class=\"lane cluster-lane\"")).isEqualTo(1); // the cluster-wide backup, skipped at the end
        assertThat(count(html, "class=\"down\"")).isEqualTo(3);
        assertThat(html).contains("10.9.0.2 down from 2026-11-20T10:06:20Z until it was verified back at "
                + "2026-11-20T10:10:30Z (250 s)");
        assertThat(count(html, "class=\"bar SUCCEEDED\"")).isEqualTo(10);
    }

    @Test
    void theRunPageLinksToTheReview() throws Exception {
        mvc.perform(asLead("/runs/" + reviewed))
                .andExpect(content().string(containsString("href=\"/runs/" + reviewed + "/review\"")));
    }

    @Test
    void theMarkdownReportIsAnAttachmentWithEveryStepAndTheBackups() throws Exception {
        String md = mvc.perform(asLead("/runs/" + reviewed + "/report.md")).andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"upshift-run-" + reviewed + ".md\""))
                .andExpect(header().string("Content-Type", containsString("text/markdown")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(md).startsWith("# Upshift run #" + reviewed + ": gamma 3.4.5 → 3.4.6");
        for (String key : new String[] {"PRE_BACKUP_CONF", "SRV_STOP", "SRV_INSTALL", "SRV_VERIFY_JOINED", "POST_FULL_BACKUP"}) {
            assertThat(md).contains("| " + key + " |");
        }
        assertThat(md).contains("installed \\| ok<br>second line").contains("| /backups/neo4j.conf | " + SHA + " |")
                .contains("Skipped: the &lt;lead&gt; said \\| not now").contains("No approvals recorded.")
                .contains("| 10.9.0.1 | FOLLOWER | 3.4.6 | yes |");
    }

    @Test
    void thePrintableReportHasItsOwnPrintStylesAndNoNavigation() throws Exception {
        mvc.perform(asLead("/runs/" + reviewed + "/report.html")).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("@media print"), containsString("break-before: page"),
                        containsString("<svg"), containsString("SRV_VERIFY_JOINED"), containsString(SHA),
                        not(containsString("class=\"topbar\"")), not(containsString("<script")))));
    }

    @Test
    void anUnknownRunIs404AndAnonymousIsSentToLogin() throws Exception {
        mvc.perform(asLead("/runs/99999/review")).andExpect(status().isNotFound());
        mvc.perform(get("/runs/" + reviewed + "/report.md")).andExpect(status().is3xxRedirection());
    }

    private int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
