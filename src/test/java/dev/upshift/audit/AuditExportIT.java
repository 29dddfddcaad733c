package dev.upshift.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import dev.upshift.security.ItEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The audit page, API and exports over HTTP, as an AUDITOR: filters, paging, escaping, bad input. */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = ItEnvironment.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditExportIT {

    private static final String NASTY = "line one\r\nsaid \"hi\", then; left";

    @Autowired
    MockMvc mvc;
    @Autowired
    JpaAuditLog audit;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    void events() {
        transaction.executeWithoutResult(status -> {
            for (int i = 0; i < 55; i++) {
                audit.recordAs("export-dba", "run.step_finished", "run", "77", Map.of("step", "core-" + i));
            }
            audit.recordAs("export-dba", "run.note_added", "run", "77", Map.of("note", NASTY));
        });
    }

    @Test
    void csvIsRfc4180WithEveryMatchingRowAndADatedFileName() throws Exception {
        byte[] body = mvc.perform(get("/audit/export.csv").param("actor", "export-dba")
                        .with(user("lead").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("text/csv")))
                .andExpect(header().string("Content-Disposition", containsString(
                        "upshift-audit-" + LocalDate.now(ZoneOffset.UTC) + ".csv")))
                .andReturn().getResponse().getContentAsByteArray();
        List<List<String>> records = parseCsv(new String(body, StandardCharsets.UTF_8));
        assertThat(records.get(0)).containsExactly("id", "occurred_at", "actor", "action", "target_type", "target_id",
                "details", "prev_hash", "hash");
        assertThat(records).hasSize(1 + 56);
        List<String> newest = records.get(1);
        assertThat(newest.get(3)).isEqualTo("run.note_added");
        String stored = jdbc.queryForObject("select details from audit_event where action = 'run.note_added'",
                String.class);
        assertThat(newest.get(6)).isEqualTo(stored); // quotes, comma and CRLF survive the round trip
        assertThat(records.subList(1, records.size())).allSatisfy(r -> assertThat(r).hasSize(9));
    }

    @Test
    void jsonIsOneArrayOfEventsWithDetailsAsObjects() throws Exception {
        String body = mvc.perform(get("/api/audit/export.json").param("actor", "export-dba")
                        .param("action", "run.note").with(user("lead").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString(".json")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        JsonNode events = JsonMapper.builder().build().readTree(body);
        assertThat(events.isArray()).isTrue();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("details").get("note").asString()).isEqualTo(NASTY);
        assertThat(events.get(0).get("hash").asString()).hasSize(64);
    }

    @Test
    void theApiPagesWithFiltersAndClampsSizeAndPage() throws Exception {
        mvc.perform(get("/api/audit").param("actor", "export-dba").param("targetType", "run").param("targetId", "77")
                        .param("size", "50").param("page", "1").with(user("lead").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalEvents").value(56))
                .andExpect(jsonPath("$.events.length()").value(6))
                .andExpect(jsonPath("$.events[5].details.step").value("core-0"));
        mvc.perform(get("/api/audit").param("actor", "export-dba").param("size", "100000").param("page", "999")
                        .with(user("lead").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.size").value(500))
                .andExpect(jsonPath("$.page").value(0));
    }

    @Test
    void badFiltersAnswer400WithTheReasonNever500() throws Exception {
        mvc.perform(get("/api/audit").param("from", "2026-11-02").param("to", "2026-11-01")
                        .with(user("lead").roles("AUDITOR")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("before")));
        mvc.perform(get("/api/audit/export.csv").param("from", "yesterday'; drop table audit_event;--")
                        .with(user("lead").roles("AUDITOR")))
                .andExpect(status().isBadRequest())
                .andExpect(header().doesNotExist("Content-Disposition"));
        mvc.perform(get("/audit").param("actor", "<script>alert(1)</script>").param("to", "2026-13-40")
                        .with(user("lead").roles("AUDITOR")))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("is not a UTC time")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("<script>alert"))));
        mvc.perform(get("/api/audit").param("actor", "' or 1=1 --").with(user("lead").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalEvents").value(0));
    }

    @Test
    void thePageKeepsTheFiltersInItsPagingAndExportLinks() throws Exception {
        mvc.perform(get("/audit").param("actor", "export-dba").param("targetId", "77")
                        .with(user("lead").roles("AUDITOR")).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("56 events")))
                .andExpect(content().string(containsString("/audit?actor=export-dba&amp;targetId=77&amp;page=1")))
                .andExpect(content().string(containsString("/audit/export.csv?actor=export-dba&amp;targetId=77")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("<html"))));
    }

    /** A strict RFC 4180 reader: fields quoted or not, "" inside quotes, CRLF record ends. */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                i++;
                while (true) {
                    char q = text.charAt(i++);
                    if (q == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(q);
                    }
                }
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r' && text.startsWith("\r\n", i)) {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else {
                assertThat(c).as("a bare CR or LF outside quotes").isNotIn('\r', '\n');
                field.append(c);
                i++;
            }
        }
        assertThat(record).as("the last record ends with CRLF").isEmpty();
        return records;
    }
}
