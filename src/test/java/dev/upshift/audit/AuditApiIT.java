package dev.upshift.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

import dev.upshift.security.ItEnvironment;

/** The chain through the running app: real actions append, verify says intact, a tampered row is named. */
@SpringBootTest(properties = "it.context=audit-tampered") // a context (and database) of its own
@AutoConfigureMockMvc
@ContextConfiguration(initializers = ItEnvironment.class)
@DirtiesContext // its chain is tampered with: no other test may reuse this database
class AuditApiIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void verifyAnswersIntactThenNamesTheTamperedEvent() throws Exception {
        for (String name : new String[] {"op-one", "op-two", "op-three"}) {
            mvc.perform(post("/api/users").with(httpBasic("admin", ItEnvironment.ADMIN_PASSWORD))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"username\":\"" + name + "\",\"password\":\"Upgrade-night-2026\",\"role\":\"OPERATOR\"}"))
                    .andExpect(status().isCreated());
        }
        long events = jdbc.queryForObject("select count(*) from audit_event", Long.class);
        assertThat(events).isGreaterThanOrEqualTo(4);

        mvc.perform(get("/api/audit/verify").with(httpBasic("op-one", "Upgrade-night-2026")))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"intact\":true,\"checked\":" + events + "}", true));

        mvc.perform(get("/api/audit").param("action", "user.").with(httpBasic("op-one", "Upgrade-night-2026")))
                .andExpect(jsonPath("$.events[0].action").value("user.created"))
                .andExpect(jsonPath("$.events[0].details.username").value("op-three"))
                .andExpect(jsonPath("$.totalEvents").value(4));

        long victim = jdbc.queryForObject("select id from audit_event where details like '%op-two%'", Long.class);
        jdbc.update("UPDATE audit_event SET details = ? WHERE id = ?",
                "{\"enabled\":true,\"role\":\"ADMIN\",\"username\":\"op-two\"}", victim);

        mvc.perform(get("/api/audit/verify").with(httpBasic("admin", ItEnvironment.ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(false))
                .andExpect(jsonPath("$.firstBrokenEventId").value(victim))
                .andExpect(jsonPath("$.reason").value(containsString("altered")));

        mvc.perform(get("/audit/verify").with(user("lead").roles("AUDITOR")).header("HX-Request", "true"))
                .andExpect(content().string(containsString("broken at event <strong>" + victim + "</strong>")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("<html"))));
    }

    @Test
    void theAuditPageListsAndFiltersEvents() throws Exception {
        mvc.perform(get("/audit").param("actor", "system").with(user("lead").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Audit log")))
                .andExpect(content().string(containsString("user.created")))
                .andExpect(content().string(containsString("Verify chain")));
        mvc.perform(get("/audit").param("actor", "nobody-at-all").header("HX-Request", "true")
                        .with(user("lead").roles("AUDITOR")))
                .andExpect(content().string(containsString("No events match.")))
                .andExpect(content().string(containsString("id=\"audit-table\"")));
    }
}
