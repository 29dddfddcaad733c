package dev.upshift.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.upshift.security.ItEnvironment;

/**
 * The run history over HTTP with runs seeded into the app's own H2: the list's filters, sorting, paging and counts,
 * {@code GET /api/runs}, a run's review page with its timeline picture, and both reports.
 */
@SpringBootTest(properties = "it.context=history")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = ItEnvironment.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryIT {

    static final Instant DAY = Instant.parse("2026-10-01T08:00:00Z");
    static final String SHA = "0123456789abcdef".repeat(4);

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    long reviewed;

    /**
     * alpha: 30 SUCCEEDED runs by dba-a, one a day from 2026-10-01; beta: 3 FAILED by dba-b (October 2-4) and 2
     * PLANNED by planner (never started); gamma: one reviewed run with three servers, steps, output and changes.
     */
    @BeforeAll
    void seed() {
        for (int i = 0; i < 30; i++) {
            run(901, "alpha", "SUCCEEDED", "dba-a", DAY.plusSeconds(86400L * i), 3600);
        }
        for (int i = 1; i <= 3; i++) {
            run(902, "beta", "FAILED", "dba-b", DAY.plusSeconds(86400L * i + 60), 600);
        }
        run(902, "beta", "PLANNED", null, DAY.plusSeconds(86400L * 40), 0);
        run(902, "beta", "PLANNED", null, DAY.plusSeconds(86400L * 41), 0);
        seedReviewedRun();
    }

    long run(long clusterId, String name, String status, String startedBy, Instant at, int seconds) {
        jdbc.update("insert into upgrade_run (cluster_id, cluster_name, method, mode, status, source_version, "
                        + "target_version, required_acks, given_acks, created_by, created_at, started_by, started_at, ended_at, "
                        + "version) values (?, ?, 'ROLLING_FIXED', 'AUTO', ?, '3.4.5', '3.4.6', 'no-downgrade', ?, ?, ?, ?, ?, ?, 0)",
                clusterId, name, status, startedBy == null ? null : "no-downgrade",
                startedBy == null ? "planner" : "planner-" + startedBy, utc(at.minusSeconds(300)), startedBy,
                startedBy == null ? null : utc(at), startedBy == null || status.equals("RUNNING") ? null : utc(at.plusSeconds(seconds)));
        return jdbc.queryForObject("select max(id) from upgrade_run", Long.class);
    }

    void seedReviewedRun() {
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        reviewed = run(903, "gamma", "SUCCEEDED", "dba-g", t, 1000);
        server("10.9.0.1", "LEADER");
        server("10.9.0.2", "FOLLOWER");
        server("10.9.0.3", "READ_REPLICA");
        step(0, 0, "PRE_UPGRADE", "PRE_BACKUP_CONF", "10.9.0.1", "SUCCEEDED", t, 0, 20,
                "SHA-256: " + SHA + "  /backups/neo4j.conf; " + SHA + "  /opt/neo4j/conf/neo4j.conf", null);
        int position = 1;
        int offset = 100;
        for (String server : new String[] {"10.9.0.1", "10.9.0.2", "10.9.0.3"}) {
            step(position++, position, "SERVER", "SRV_STOP", server, "SUCCEEDED", t, offset, offset + 30, null, null);
            step(position++, position, "SERVER", "SRV_INSTALL", server, "SUCCEEDED", t, offset + 30, offset + 150,
                    "installed | ok\nsecond line", null);
            step(position++, position, "SERVER", "SRV_VERIFY_JOINED", server, "SUCCEEDED", t, offset + 150, offset + 250, null, null);
            offset += 280;
        }
        step(position, position, "POST_UPGRADE", "POST_FULL_BACKUP", null, "SKIPPED", t, null, 990, null,
                "the <lead> said | not now");
        long stopStep = jdbc.queryForObject("select id from run_step where run_id = ? and position = 1", Long.class, reviewed);
        jdbc.update("insert into step_output (step_id, seq, at, stream, text) values (?, 1, ?, 'STDOUT', ?)",
                stopStep, utc(t.plusSeconds(101)), "Stopping Neo4j.. stopped <ok>");
        jdbc.update("insert into run_check (run_id, position, name, server, ok, message, checked_at) "
                + "values (?, 0, 'versions', '10.9.0.1', true, 'every member runs 3.4.5', ?)", reviewed, utc(t.minusSeconds(60)));
        change(t.minusSeconds(3600), "MEMBER_JOINED", "10.9.0.1", null, "LEADER");
        change(t.minusSeconds(3600), "MEMBER_JOINED", "10.9.0.2", null, "FOLLOWER");
        change(t.minusSeconds(3600), "MEMBER_JOINED", "10.9.0.3", null, "READ_REPLICA");
        change(t.plusSeconds(110), "MEMBER_LEFT", "10.9.0.1", "LEADER", null);
        change(t.plusSeconds(111), "LEADER_CHANGED", null, "10.9.0.1", "10.9.0.2");
        change(t.plusSeconds(340), "MEMBER_JOINED", "10.9.0.1", null, "FOLLOWER");
        change(t.plusSeconds(341), "VERSION_CHANGED", "10.9.0.1", "3.4.5", "3.4.6");
        change(t.plusSeconds(5000), "ROLE_CHANGED", "10.9.0.3", "READ_REPLICA", "LEADER"); // after the run: left out
    }

    void server(String address, String role) {
        jdbc.update("insert into run_server (run_id, server, role, install_type, neo4j_home, conf_dir, data_dir, backup_dir) "
                + "values (?, ?, ?, 'TARBALL', '/opt/neo4j', '/opt/neo4j/conf', '/opt/neo4j/data', '/backups')", reviewed, address, role);
    }

    void step(int position, int phase, String kind, String key, String server, String status, Instant t, Integer start,
              Integer end, String notes, String skipReason) {
        jdbc.update("insert into run_step (run_id, position, phase_index, phase_kind, phase_title, step_key, server, section, "
                        + "manual_text, actor, commands, verification_kind, verification_text, retry_safe, gate, recheck_leader, "
                        + "status, skip_code, skip_reason, acted_by, started_at, ended_at, exit_code, notes, attempts, output_lines, "
                        + "output_dropped, version) values (?, ?, ?, ?, ?, ?, ?, '5.3.2.1', ?, 'PANEL_SSH', ?, 'EXIT_CODE', 'exit 0', "
                        + "true, 'NONE', false, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, 0, 0)",
                reviewed, position, phase, kind, "Phase " + kind + (server == null ? "" : " " + server), key, server,
                "Do " + key + ".", "[{\"type\":\"shell\",\"server\":\"" + server + "\",\"display\":\"neo4j stop | grep x\","
                        + "\"line\":\"neo4j stop\"}]",
                status, skipReason == null ? null : "OPERATOR", skipReason, start == null ? null : "dba-g",
                start == null ? null : utc(t.plusSeconds(start)), end == null ? null : utc(t.plusSeconds(end)),
                start == null ? null : 0, notes);
    }

    void change(Instant at, String kind, String address, String from, String to) {
        jdbc.update("insert into membership_change (cluster_id, occurred_at, kind, address, from_value, to_value) "
                + "values (903, ?, ?, ?, ?, ?)", utc(at), kind, address, from, to);
    }

    static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    static MockHttpServletRequestBuilder asLead(String path) {
        return get(path).with(user("lead").roles("AUDITOR"));
    }

    @Nested
    @DisplayName("runs list")
    class RunsList {

        @Test
        void newestFirstTwentyFiveAPageWithTheCountsPerStatus() throws Exception {
            String html = mvc.perform(asLead("/runs")).andExpect(status().isOk())
                    .andExpect(content().string(allOf(containsString("id=\"runs-filter\""), containsString("36 runs"),
                            containsString("SUCCEEDED 31"), containsString("FAILED 3"), containsString("PLANNED 2"),
                            containsString("Page 1 of 2"), not(containsString("id=\"new-run\"")))))
                    .andReturn().getResponse().getContentAsString();
            assertThat(rowIds(html)).hasSize(25);
            assertThat(html).contains("href=\"/runs/" + reviewed + "/review\"");
        }

        @Test
        void filtersByClusterStatusOperatorAndTimeAndKeepsTheFiltersInThePagingLinks() throws Exception {
            mvc.perform(asLead("/runs").param("clusterId", "901").param("from", "2026-10-05").param("to", "2026-10-10"))
                    .andExpect(content().string(allOf(containsString("6 runs"), containsString("SUCCEEDED 6"),
                            not(containsString("FAILED 3")))));
            mvc.perform(asLead("/runs").param("operator", "dba-b"))
                    .andExpect(content().string(allOf(containsString("3 runs"), containsString("FAILED 3"))));
            mvc.perform(asLead("/runs").param("operator", "planner"))
                    .andExpect(content().string(containsString("2 runs")));
            mvc.perform(asLead("/runs").param("clusterId", "901").param("page", "1"))
                    .andExpect(content().string(allOf(containsString("Page 2 of 2"),
                            containsString("href=\"/runs?clusterId=901\""))));
            mvc.perform(asLead("/runs").param("status", "SUCCEEDED").param("clusterId", "901").param("page", "1"))
                    .andExpect(content().string(containsString("Page 2 of 2")));
        }

        @Test
        void theFilterFormSwapsOnlyTheListFragment() throws Exception {
            mvc.perform(asLead("/runs").header("HX-Request", "true").param("status", "FAILED"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(allOf(containsString("id=\"runs-list\""), containsString("3 runs"),
                            not(containsString("<html")), not(containsString("id=\"runs-filter\"")))));
        }

        @Test
        void sortsByClusterAndStatus() throws Exception {
            String html = mvc.perform(asLead("/runs").param("sort", "cluster").param("dir", "asc"))
                    .andReturn().getResponse().getContentAsString();
            assertThat(html.indexOf(">alpha<")).isPositive().isLessThan(html.indexOf(">beta<") == -1 ? Integer.MAX_VALUE : html.indexOf(">beta<"));
            String desc = mvc.perform(asLead("/runs").param("sort", "cluster"))
                    .andReturn().getResponse().getContentAsString();
            assertThat(rowIds(desc).get(0)).isEqualTo(reviewed); // gamma first
        }

        @Test
        void badFiltersAreExplainedAboveAnEmptyList() throws Exception {
            mvc.perform(asLead("/runs").param("status", "<script>alert(1)</script>").param("from", "2026-11-05")
                            .param("to", "2026-11-01"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(allOf(containsString("Unknown status &#39;&lt;script&gt;"),
                            containsString("The date range is empty"), containsString("0 runs"),
                            not(containsString("<script>alert")))));
        }

        @Test
        void operatorsAreOfferedANewRun() throws Exception {
            mvc.perform(get("/runs").with(user("op").roles("OPERATOR")))
                    .andExpect(content().string(containsString("id=\"new-run\"")));
        }

        private java.util.List<Long> rowIds(String html) {
            Matcher m = Pattern.compile("id=\"run-row-(\\d+)\"").matcher(html);
            java.util.List<Long> ids = new java.util.ArrayList<>();
            while (m.find()) ids.add(Long.valueOf(m.group(1)));
            return ids;
        }
    }

    @Nested
    @DisplayName("GET /api/runs")
    class Api {

        @Test
        void pagesWithTheSameFiltersAndCountsPerStatus() throws Exception {
            mvc.perform(asLead("/api/runs").param("clusterId", "902").param("size", "2").param("page", "1")
                            .param("sort", "started").param("dir", "asc"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.total").value(5))
                    .andExpect(jsonPath("$.page").value(1))
                    .andExpect(jsonPath("$.size").value(2))
                    .andExpect(jsonPath("$.items.length()").value(2))
                    .andExpect(jsonPath("$.items[0].status").value("FAILED"))
                    .andExpect(jsonPath("$.items[0].operator").value("dba-b"))
                    .andExpect(jsonPath("$.items[0].method").value("rolling-fixed"))
                    .andExpect(jsonPath("$.countsByStatus.FAILED").value(3))
                    .andExpect(jsonPath("$.countsByStatus.PLANNED").value(2))
                    .andExpect(jsonPath("$.countsByStatus.SUCCEEDED").value(0));
        }

        @Test
        void countsPerStatusIgnoreTheStatusFilterWhileTheTotalHonoursIt() throws Exception {
            mvc.perform(asLead("/api/runs").param("status", "failed"))
                    .andExpect(jsonPath("$.total").value(3))
                    .andExpect(jsonPath("$.countsByStatus.SUCCEEDED").value(31))
                    .andExpect(jsonPath("$.items[0].stepsDone").value(0));
            mvc.perform(asLead("/api/runs").param("clusterId", "903"))
                    .andExpect(jsonPath("$.items[0].steps").value(11))
                    .andExpect(jsonPath("$.items[0].stepsDone").value(11));
        }

        @Test
        void clampsPagesAndSizes() throws Exception {
            mvc.perform(asLead("/api/runs").param("size", "100000").param("page", "-3"))
                    .andExpect(jsonPath("$.size").value(200)).andExpect(jsonPath("$.page").value(0))
                    .andExpect(jsonPath("$.items.length()").value(36));
            mvc.perform(asLead("/api/runs").param("size", "10").param("page", "999"))
                    .andExpect(jsonPath("$.page").value(3)).andExpect(jsonPath("$.items.length()").value(6));
        }

        @Test
        void badFiltersAre400WithTheFieldErrors() throws Exception {
            mvc.perform(asLead("/api/runs").param("status", "DONE").param("from", "last tuesday").param("clusterId", "1 or 1=1"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("clusterId"))
                    .andExpect(jsonPath("$.errors[1].field").value("status"))
                    .andExpect(jsonPath("$.errors[1].message").value(containsString("Unknown status 'DONE'")))
                    .andExpect(jsonPath("$.errors[2].field").value("from"));
        }

        @Test
        void anonymousGets401() throws Exception {
            mvc.perform(get("/api/runs")).andExpect(status().isUnauthorized());
        }
    }

    @Nested
    @DisplayName("review and reports")
    class Review {

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
}
