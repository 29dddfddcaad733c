package dev.upshift.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The runs list page ({@code /runs}) over the seeded history: newest first, 25 a page, the counts per status, the
 * filters kept in the paging links, the htmx fragment swap, sorting and bad filters explained.
 */
@DisplayName("runs list")
class HistoryRunsListIT extends SeededHistory {

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
