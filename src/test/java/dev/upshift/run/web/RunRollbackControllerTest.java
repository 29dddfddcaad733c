package dev.upshift.run.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.upshift.run.RollbackRefusedException;
import dev.upshift.run.RunStatus;

/** "Plan rollback" on a run's page: shown for FAILED and ABORTED upgrade runs to those who may act, leads to the new run. */
class RunRollbackControllerTest extends RunWebSliceTest {

    @Test
    void aFailedRunOffersARollbackToAnOperatorOnly() throws Exception {
        given(queries.get(1L)).willReturn(Runs.failedRun());
        mvc.perform(get("/runs/1").with(user("op").roles("OPERATOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("action=\"/runs/1/rollback\"")))
                .andExpect(content().string(containsString("id=\"plan-rollback\"")));
        mvc.perform(get("/runs/1").with(user("lead").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("/rollback\""))));
    }

    @Test
    void aRunningRunOffersNone() throws Exception {
        given(queries.get(1L)).willReturn(Runs.run(RunStatus.RUNNING, null, List.of()));
        mvc.perform(get("/runs/1").with(user("op").roles("OPERATOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("/rollback\""))));
    }

    @Test
    void theRollbackRunSaysWhatItRollsBack() throws Exception {
        given(queries.get(2L)).willReturn(Runs.rollbackRun());
        mvc.perform(get("/runs/2").with(user("op").roles("OPERATOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"rollback-of\"")))
                .andExpect(content().string(containsString("href=\"/runs/1\"")))
                .andExpect(content().string(not(containsString("action=\"/runs/2/rollback\""))));
    }

    @Test
    void theFailedRunLinksEveryRollbackPlannedForIt() throws Exception {
        given(queries.get(1L)).willReturn(Runs.failedRun(List.of(4L, 2L)));
        mvc.perform(get("/runs/1").with(user("lead").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"rolled-back-by\"")))
                .andExpect(content().string(containsString("href=\"/runs/4\"")))
                .andExpect(content().string(containsString("href=\"/runs/2\"")));
        given(queries.get(1L)).willReturn(Runs.failedRun());
        mvc.perform(get("/runs/1").with(user("lead").roles("AUDITOR")))
                .andExpect(content().string(not(containsString("rolled-back-by"))));
    }

    @Test
    void planningLeadsToTheNewRunOrBackWithTheReason() throws Exception {
        given(rollbacks.plan(1L, null)).willReturn(Runs.rollbackRun());
        mvc.perform(post("/runs/1/rollback").with(user("op").roles("OPERATOR")).with(csrf()))
                .andExpect(redirectedUrl("/runs/2"))
                .andExpect(flash().attribute("notice", containsString("Rollback planned: run 2")));

        given(rollbacks.plan(3L, null)).willThrow(new RollbackRefusedException("BACKUP_MISSING", "Run 3 has no pre-upgrade full backup"));
        mvc.perform(post("/runs/3/rollback").with(user("op").roles("OPERATOR")).with(csrf()))
                .andExpect(redirectedUrl("/runs/3"))
                .andExpect(flash().attribute("error", "Run 3 has no pre-upgrade full backup"));
    }

    @Test
    void anAuditorCannotPlanOneNorAnyoneWithoutTheToken() throws Exception {
        mvc.perform(post("/runs/1/rollback").with(user("lead").roles("AUDITOR")).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/runs/1/rollback").with(user("op").roles("OPERATOR"))).andExpect(status().isForbidden());
        verify(rollbacks, never()).plan(anyLong(), any());
    }
}
