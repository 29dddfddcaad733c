package dev.upshift.history;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/runs} over the seeded history: the same filters and counts per status as the page, clamped pages
 * and sizes, field errors for bad filters.
 */
@DisplayName("GET /api/runs")
class HistoryApiIT extends SeededHistory {

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
