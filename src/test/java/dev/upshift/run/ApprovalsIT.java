package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.upshift.procedure.ConfVariant;
import dev.upshift.security.ItEnvironment;

/**
 * The approval gate through the running app: a run on a cluster that requires approval is refused until a different
 * user (AUDITOR or ADMIN) approved its plan; the creator's own approval is refused; a conf changed after the
 * approval voids it. The runs are seeded PLANNED (no reachable cluster): a start that passes the gate may fail later,
 * and only the gate's decision and its audit events are asserted.
 */
@SpringBootTest(properties = "it.context=approvals") // a context (and database) of its own
@AutoConfigureMockMvc
@ContextConfiguration(initializers = ItEnvironment.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalsIT {

    static final String PASSWORD = "Approvals-pass-2026";
    static final AtomicInteger CLUSTERS = new AtomicInteger();

    @Autowired MockMvc mvc;
    @Autowired JdbcTemplate jdbc;
    @Autowired RunPlanning planning;
    @Autowired RunConfRepository confs;

    @BeforeAll
    void users() throws Exception {
        for (String[] u : new String[][] {{"op-creator", "OPERATOR"}, {"lead", "AUDITOR"}}) {
            mvc.perform(post("/api/users").with(httpBasic("admin", ItEnvironment.ADMIN_PASSWORD))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"username\":\"" + u[0] + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + u[1] + "\"}"))
                    .andExpect(status().isCreated());
        }
    }

    static RequestPostProcessor as(String username) {
        return httpBasic(username, username.equals("admin") ? ItEnvironment.ADMIN_PASSWORD : PASSWORD);
    }

    RunView plannedOnGatedCluster(String creator, String role) {
        String name = "gated-" + CLUSTERS.incrementAndGet();
        return SeededRuns.planned(planning, SeededRuns.cluster(jdbc, name, true, null), name, creator, role);
    }

    String startBody(RunView run) {
        return "{\"acknowledge\":[\"" + String.join("\",\"", run.requiredAcknowledgements()) + "\"]}";
    }

    List<String> auditActions(Long runId) {
        return jdbc.queryForList("SELECT action FROM audit_event WHERE target_type = 'run' AND target_id = ? ORDER BY id",
                String.class, String.valueOf(runId));
    }

    @Test
    @DisplayName("start refused without approval; an auditor approves; then the start passes the gate")
    void approvalGatesTheStart() throws Exception {
        RunView run = plannedOnGatedCluster("op-creator", "OPERATOR");
        Long id = run.id();

        mvc.perform(post("/api/runs/{id}/start", id).with(as("op-creator")).contentType(MediaType.APPLICATION_JSON)
                        .content(startBody(run)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.errors[0].field").value("approval"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("requires approval")));
        assertThat(auditActions(id)).containsSubsequence("run.planned", "run.start-refused").doesNotContain("run.started");
        mvc.perform(get("/api/runs/{id}", id).with(as("op-creator"))).andExpect(jsonPath("$.status").value("PLANNED"));

        // the page's start says why, too
        mvc.perform(post("/runs/{id}/start", id).with(user("op-creator").roles("OPERATOR")).with(csrf())
                        .param("acknowledge", run.requiredAcknowledgements().toArray(String[]::new)))
                .andExpect(redirectedUrl("/runs/" + id))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("error", containsString("requires approval")));

        // an operator is not an approver; the page offers the button to the auditor only
        mvc.perform(post("/api/runs/{id}/approve", id).with(as("op-creator"))).andExpect(status().isForbidden());
        mvc.perform(get("/runs/{id}", id).with(user("op-creator").roles("OPERATOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("This cluster requires approval")))
                .andExpect(content().string(not(containsString("id=\"approve-plan\""))));
        mvc.perform(get("/runs/{id}", id).with(user("lead").roles("AUDITOR")))
                .andExpect(content().string(containsString("id=\"approve-plan\"")));

        mvc.perform(post("/api/runs/{id}/approve", id).with(as("lead")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.approvals[0].by").value("lead"))
                .andExpect(jsonPath("$.approvals[0].valid").value(true));
        mvc.perform(get("/api/runs/{id}", id).with(as("op-creator")))
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.steps").isArray())
                .andExpect(jsonPath("$.approvals[0].by").value("lead"))
                .andExpect(jsonPath("$.approvals[0].valid").value(true))
                .andExpect(jsonPath("$.approvals[0].fingerprint").value(org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}")))
                .andExpect(jsonPath("$.approvals[0].at").exists());

        mvc.perform(post("/api/runs/{id}/start", id).with(as("op-creator")).contentType(MediaType.APPLICATION_JSON)
                        .content(startBody(run)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.startedBy").value("op-creator"));
        assertThat(auditActions(id)).containsSubsequence("run.planned", "run.start-refused", "run.approved", "run.started");
        String started = jdbc.queryForObject("SELECT details FROM audit_event WHERE action = 'run.started' AND target_id = ?",
                String.class, String.valueOf(id));
        assertThat(started).contains("\"approvedBy\":[\"lead\"]");
        // the approval the start relied on stays valid in the record
        mvc.perform(get("/api/runs/{id}", id).with(as("lead"))).andExpect(jsonPath("$.approvals[0].valid").value(true));

        mvc.perform(post("/api/runs/{id}/abort", id).with(as("op-creator")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"no real cluster behind this test\"}")).andExpect(status().isOk());

        // the lead's review and the report show who approved the plan the run started with
        mvc.perform(get("/runs/{id}/review", id).with(user("lead").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-approval-state=\"valid\"")))
                .andExpect(content().string(not(containsString("No approvals recorded."))));
        mvc.perform(get("/runs/{id}/report.md", id).with(user("lead").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.matchesPattern("(?s).*\\| lead \\| [^|]+ \\| valid \\| [0-9a-f]{64} \\|.*")));
    }

    @Test
    @DisplayName("the creator of a run cannot approve its plan, even as an admin: refused and audited")
    void selfApprovalRefused() throws Exception {
        RunView run = plannedOnGatedCluster("admin", "ADMIN");
        Long id = run.id();

        mvc.perform(post("/api/runs/{id}/approve", id).with(as("admin")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.errors[0].field").value("approval"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("You created run " + id)));
        assertThat(auditActions(id)).contains("run.approval-refused").doesNotContain("run.approved");
        mvc.perform(get("/api/runs/{id}", id).with(as("admin"))).andExpect(jsonPath("$.approvals").isEmpty());

        mvc.perform(get("/runs/{id}", id).with(user("admin").roles("ADMIN")))
                .andExpect(content().string(not(containsString("id=\"approve-plan\""))))
                .andExpect(content().string(containsString("You created this run: another user must approve it.")));
        mvc.perform(post("/runs/{id}/approve", id).with(user("admin").roles("ADMIN")).with(csrf()))
                .andExpect(redirectedUrl("/runs/" + id))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("error", containsString("cannot approve its plan")));

        mvc.perform(post("/api/runs/{id}/start", id).with(as("admin")).contentType(MediaType.APPLICATION_JSON)
                        .content(startBody(run)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("requires approval")));
    }

    @Test
    @DisplayName("a conf changed after approval voids it: shown on the page, start refused, audited; a new approval counts")
    void confChangeVoidsTheApproval() throws Exception {
        RunView run = plannedOnGatedCluster("op-creator", "OPERATOR");
        Long id = run.id();

        mvc.perform(post("/runs/{id}/approve", id).with(user("lead").roles("AUDITOR")).with(csrf()))
                .andExpect(redirectedUrl("/runs/" + id));
        mvc.perform(get("/api/runs/{id}", id).with(as("lead"))).andExpect(jsonPath("$.approvals[0].valid").value(true));

        RunConf conf = new RunConf(id, SeededRuns.SERVERS.get(0), ConfVariant.FINAL);
        conf.set("dbms.mode=CORE\n", "dbms.mode=CORE\ndbms.backup.enabled=false\n", RunConf.Origin.EDITED, "op-creator",
                Instant.now());
        confs.save(conf);

        mvc.perform(get("/api/runs/{id}", id).with(as("lead")))
                .andExpect(jsonPath("$.approvals[0].valid").value(false))
                .andExpect(jsonPath("$.approvals[0].state").value("void"));
        mvc.perform(get("/runs/{id}", id).with(user("lead").roles("AUDITOR")))
                .andExpect(content().string(containsString("approval void: the plan changed")))
                .andExpect(content().string(containsString("id=\"approve-plan\"")));
        // the planned run's review judges the approval against the plan as it is now
        mvc.perform(get("/runs/{id}/review", id).with(user("lead").roles("AUDITOR")))
                .andExpect(content().string(containsString("data-approval-state=\"void\"")))
                .andExpect(content().string(not(containsString("data-approval-state=\"valid\""))));

        mvc.perform(post("/api/runs/{id}/start", id).with(as("op-creator")).contentType(MediaType.APPLICATION_JSON)
                        .content(startBody(run)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("approval void: the plan changed after approval")));
        assertThat(auditActions(id)).containsSubsequence("run.approved", "run.approval-voided", "run.start-refused")
                .doesNotContain("run.started");

        mvc.perform(post("/api/runs/{id}/approve", id).with(as("lead")))
                .andExpect(jsonPath("$.approvals[1].valid").value(true))
                .andExpect(jsonPath("$.approvals[0].valid").value(false));
        mvc.perform(post("/api/runs/{id}/start", id).with(as("op-creator")).contentType(MediaType.APPLICATION_JSON)
                .content(startBody(run))).andExpect(status().isOk());
        mvc.perform(post("/api/runs/{id}/abort", id).with(as("op-creator")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"no real cluster behind this test\"}")).andExpect(status().isOk());
    }

    @Test
    @DisplayName("an auditor approves on the page (htmx) and withdraws in the API: the start is refused again")
    void revokedApprovalNoLongerCounts() throws Exception {
        RunView run = plannedOnGatedCluster("op-creator", "OPERATOR");
        Long id = run.id();
        mvc.perform(post("/runs/{id}/approve", id).with(user("lead").roles("AUDITOR")).with(csrf())
                        .header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"approval-panel\"")))
                .andExpect(content().string(containsString("Plan approved")))
                .andExpect(content().string(containsString("id=\"revoke-approval\"")))
                .andExpect(content().string(not(containsString("<html"))));
        mvc.perform(post("/api/runs/{id}/approval/revoke", id).with(as("lead")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.approvals[0].state").value("revoked"));
        mvc.perform(post("/api/runs/{id}/start", id).with(as("op-creator")).contentType(MediaType.APPLICATION_JSON)
                .content(startBody(run))).andExpect(status().isConflict());
        assertThat(auditActions(id)).containsSubsequence("run.approved", "run.approval-revoked", "run.start-refused");
    }
}
