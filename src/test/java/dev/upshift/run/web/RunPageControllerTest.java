package dev.upshift.run.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.ui.Model;

import dev.upshift.cluster.ClusterService;
import dev.upshift.monitor.MembershipSnapshot;
import dev.upshift.monitor.web.MembershipRenderer;
import dev.upshift.monitor.web.TopologyPicture;
import dev.upshift.procedure.Eligibility;
import dev.upshift.procedure.Method;
import dev.upshift.procedure.RefusalCode;
import dev.upshift.run.ConfView;
import dev.upshift.run.OutputLineView;
import dev.upshift.run.Preflight;
import dev.upshift.run.RunConfs;
import dev.upshift.run.RunEngine;
import dev.upshift.run.RunPlanning;
import dev.upshift.run.RunQueries;
import dev.upshift.run.StepOutputLine;
import dev.upshift.security.SecurityConfig;
import dev.upshift.web.SseHub;

/** The live run page: roles, actions, escaped output, the SSE fragments, conf and pre-flight. */
class RunPageControllerTest extends RunWebSliceTest {

    @Nested
    @DisplayName("run page")
    class RunPage {

        @Test
        void anOperatorSeesTheStepperAndTheActionsOfTheFailedStep() throws Exception {
            given(queries.get(1L)).willReturn(Runs.failedRun());
            mvc.perform(get("/runs/1").with(user("op").roles("OPERATOR")))
                    .andExpect(status().isOk())
                    .andExpect(content().string(allOf(
                            containsString("id=\"step-11\""), containsString("sse-swap=\"step-11\""),
                            containsString("aria-current=\"step\""), containsString("exit 1: neo4j did not stop"),
                            containsString("action=\"/runs/1/steps/11/retry\""), containsString("action=\"/runs/1/abort\""),
                            containsString("sse-connect=\"/runs/1/events\""), containsString("sse-connect=\"/clusters/5/events\""),
                            containsString("id=\"steps-done\">1</span> / <span>3</span>"))));
        }

        @Test
        void anAuditorFollowsTheRunButHasNoActionButtons() throws Exception {
            given(queries.get(1L)).willReturn(Runs.failedRun());
            mvc.perform(get("/runs/1").with(user("lead").roles("AUDITOR")))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("id=\"step-11\"")))
                    .andExpect(content().string(containsString("id=\"read-only-note\"")))
                    .andExpect(content().string(not(containsString("/retry\""))))
                    .andExpect(content().string(not(containsString("/abort\""))))
                    .andExpect(content().string(not(containsString("/skip\""))));
            mvc.perform(get("/runs/1/steps/11/actions").with(user("lead").roles("AUDITOR")))
                    .andExpect(status().isOk())
                    .andExpect(content().string(not(containsString("<form"))));
        }

        @Test
        void forgedActionPostsFromAnAuditorAreRefused() throws Exception {
            for (String path : List.of("/runs/1/steps/11/retry", "/runs/1/steps/11/skip", "/runs/1/steps/11/confirm",
                    "/runs/1/steps/11/run", "/runs/1/pause", "/runs/1/resume", "/runs/1/abort", "/runs/1/start")) {
                mvc.perform(post(path).with(user("lead").roles("AUDITOR")).with(csrf()).param("reason", "x")
                        .param("acknowledge", "no-downgrade", "write-load")).andExpect(status().isForbidden());
            }
            verify(engine, never()).retry(anyLong(), anyLong(), anyBoolean());
            verify(engine, never()).skip(anyLong(), anyLong(), anyString());
            verify(engine, never()).abort(anyLong(), any());
            verify(engine, never()).start(anyLong(), anyList());
        }

        @Test
        void anOperatorsRetryGoesToTheEngineAndAnswersWithTheActions() throws Exception {
            given(queries.get(1L)).willReturn(Runs.failedRun());
            mvc.perform(post("/runs/1/steps/11/retry").with(user("op").roles("OPERATOR")).with(csrf())
                            .header("HX-Request", "true"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("Retrying the step.")))
                    .andExpect(content().string(not(containsString("<html"))));
            verify(engine).retry(1L, 11L, false);
        }

        @Test
        void skippingNeedsAReason() throws Exception {
            given(queries.get(1L)).willReturn(Runs.failedRun());
            mvc.perform(post("/runs/1/steps/11/skip").with(user("op").roles("OPERATOR")).with(csrf())
                            .header("HX-Request", "true").param("reason", " "))
                    .andExpect(content().string(containsString("Say why this step is skipped.")));
            verify(engine, never()).skip(anyLong(), anyLong(), any());
        }

        @Test
        void outputIsRenderedAsTextSoMarkupInItIsInert() throws Exception {
            given(queries.get(1L)).willReturn(Runs.failedRun());
            given(queries.output(1L, 11L, 0)).willReturn(List.of(new OutputLineView(1, Instant.parse("2026-11-26T02:10:05Z"),
                    StepOutputLine.STDERR, "<script>alert('x')</script><b>bold</b>")));
            mvc.perform(get("/runs/1/steps/11/output").with(user("lead").roles("AUDITOR")))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;")))
                    .andExpect(content().string(not(containsString("<script>alert"))))
                    .andExpect(content().string(containsString("02:10:05")));
        }
    }

    @Nested
    @DisplayName("live pushes")
    class LivePushes {

        @Test
        void renderTheSameFragmentsOutsideARequestWithOutputEscaped() {
            RunPageModel page = RunPageModel.of(Runs.failedRun());
            String card = live.render("step-card", Map.of("card", page.card(11L)));
            assertThat(card).contains("id=\"step-11\"", "sse-swap=\"step-11\"", "hx-get=\"/runs/1/steps/11/actions\"")
                    .doesNotContain("<form");
            assertThat(live.render("run-summary", Map.of("page", page))).contains("id=\"run-summary\"", "FAILED");
            String line = live.render("output-line", Map.of("line",
                    new OutputLineView(3, Runs.T0, StepOutputLine.STDOUT, "<img src=x onerror=alert(1)>")));
            assertThat(line).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img");
            assertThat(live.render("console-step", Map.of("consoleStep", page.card(11L).step(), "live", true)))
                    .contains("sse-swap=\"console-step\"", "SRV_STOP", "on 127.0.0.12");
        }
    }

    @Nested
    @DisplayName("conf and pre-flight")
    class Prepare {

        ConfView conf(String content) {
            return new ConfView(1L, "127.0.0.12", List.of(new ConfView.Variant("final", "DERIVED", "0123456789abcdef0123",
                    content, "dbms.mode=CORE\nold.setting=1\n", "op", Runs.T0)));
        }

        @Test
        void showsTheDiffOfCurrentAndPreparedAndTheEditableText() throws Exception {
            given(queries.get(1L)).willReturn(Runs.plannedRun());
            given(confs.get(1L, "127.0.0.12")).willReturn(conf("dbms.mode=CORE\nnew.setting=<b>1</b>\n"));
            mvc.perform(get("/runs/1/conf").param("server", "127.0.0.12").with(user("op").roles("OPERATOR"))
                            .header("HX-Request", "true"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(allOf(containsString("id=\"conf-0\""), containsString("-old.setting=1"),
                            containsString("+new.setting=&lt;b&gt;1&lt;/b&gt;"), containsString("<textarea"),
                            containsString("+1 −1 lines"), containsString(">Validate</button>"))));
        }

        @Test
        void validatingShowsTheProblemsWithoutStoringAnything() throws Exception {
            given(queries.get(1L)).willReturn(Runs.plannedRun());
            given(confs.get(1L, "127.0.0.12")).willReturn(conf("dbms.mode=CORE\n"));
            mvc.perform(post("/runs/1/conf/validate").with(user("op").roles("OPERATOR")).with(csrf())
                            .header("HX-Request", "true").param("server", "127.0.0.12").param("content", "dbms.mode=CORE\n"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("id=\"conf-0-problems\"")));
            verify(confs, never()).put(anyLong(), anyString(), anyString(), anyString());
        }

        @Test
        void theWizardStepsGoOnceTheRunIsNoLongerPlanned() throws Exception {
            given(queries.get(1L)).willReturn(Runs.plannedRun());
            mvc.perform(get("/runs/1/prepare").with(user("op").roles("OPERATOR")).header("HX-Request", "true"))
                    .andExpect(content().string(allOf(containsString("id=\"conf-panel\""), containsString("id=\"start-form\""))));
            given(queries.get(1L)).willReturn(Runs.failedRun());
            mvc.perform(get("/runs/1/prepare").with(user("op").roles("OPERATOR")).header("HX-Request", "true"))
                    .andExpect(content().string(allOf(containsString("id=\"run-prepare\""),
                            not(containsString("id=\"conf-panel\"")), not(containsString("id=\"start-form\"")))));
        }

        @Test
        void anAuditorCannotValidateAcceptOrRunPreflight() throws Exception {
            for (String path : List.of("/runs/1/conf/validate", "/runs/1/conf", "/runs/1/preflight")) {
                mvc.perform(post(path).with(user("lead").roles("AUDITOR")).with(csrf()).param("server", "127.0.0.12")
                        .param("content", "x=1")).andExpect(status().isForbidden());
            }
            verify(confs, never()).put(anyLong(), anyString(), anyString(), anyString());
            verify(preflight, never()).run(anyLong());
        }
    }
}
