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

/** The new-run wizard and the start form: field errors, greyed methods, acknowledgements. */
class RunWizardControllerTest extends RunWebSliceTest {

    @Nested
    @DisplayName("wizard")
    class Wizard {

        @Test
        void refusesTheWizardToAuditors() throws Exception {
            mvc.perform(get("/runs/new").with(user("lead").roles("AUDITOR"))).andExpect(status().isForbidden());
        }

        @Test
        void greysOutTheMethodsTheManualRefusesWithItsReason() throws Exception {
            given(planning.options(5L, "3.4.6")).willReturn(new RunPlanning.UpgradeOptions(5L, "3.3.5", "3.4.6", List.of(
                    new Eligibility(Method.ROLLING_FIXED, false, RefusalCode.ROLLING_NOT_PATCH_RELEASE,
                            "A rolling upgrade is only possible between patch releases.", "Use the offline upgrade.", List.of()),
                    new Eligibility(Method.OFFLINE, true, null, null, null, List.of()))));
            mvc.perform(get("/runs/new/options").with(user("op").roles("OPERATOR")).header("HX-Request", "true")
                            .param("clusterId", "5").param("targetVersion", "3.4.6"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(allOf(containsString("id=\"wizard-options\""),
                            containsString("A rolling upgrade is only possible between patch releases."),
                            containsString("value=\"rolling-fixed\" disabled"), containsString("id=\"install-details\""),
                            containsString("/opt/neo4j/127.0.0.11/neo4j-enterprise-3.4.6-unix.tar.gz"))));
        }

        @Test
        void badInputGetsFieldErrorsAndNeverReachesTheService() throws Exception {
            mvc.perform(post("/runs/new").with(user("op").roles("OPERATOR")).with(csrf()).header("HX-Request", "true")
                            .param("targetVersion", "3.4").param("mode", "sometimes")
                            .param("servers[0].address", "127.0.0.11").param("servers[0].installType", "tarball")
                            .param("servers[0].archive", "relative.tar.gz").param("servers[0].newHome", ""))
                    .andExpect(status().isOk())
                    .andExpect(content().string(allOf(containsString("Choose the cluster to upgrade."),
                            containsString("A version looks like 3.4.6."), containsString("Choose an upgrade method."),
                            containsString("Choose auto or manual."), containsString("Give an absolute path on the server."),
                            containsString("Where should it be unpacked on 127.0.0.11?"))));
            verify(planning, never()).create(any());
        }

        @Test
        void createsThePlannedRunAndGoesToItsPage() throws Exception {
            given(planning.options(5L, "3.4.6")).willReturn(new RunPlanning.UpgradeOptions(5L, "3.4.5", "3.4.6", List.of()));
            given(planning.create(any())).willReturn(Runs.plannedRun());
            mvc.perform(post("/runs/new").with(user("op").roles("OPERATOR")).with(csrf()).header("HX-Request", "true")
                            .param("clusterId", "5").param("targetVersion", "3.4.6").param("method", "rolling-fixed")
                            .param("mode", "manual").param("servers[0].address", "127.0.0.11")
                            .param("servers[0].installType", "tarball").param("servers[0].archive", "/opt/a.tar.gz")
                            .param("servers[0].newHome", "/opt/new"))
                    .andExpect(header().exists("HX-Location"));
            verify(planning).create(eq(new dev.upshift.run.CreateRunCommand(5L, "3.4.6", "rolling-fixed", "manual",
                    Map.of("127.0.0.11", dev.upshift.procedure.InstallDetails.tarball("/opt/a.tar.gz", "/opt/new")), null, null, null)));
        }

        @Test
        @DisplayName("each member can be given a spare of its own role to replace it; the offline seed can be chosen")
        void offersSparesAsReplacementsAndCoresAsSeed() throws Exception {
            given(clusters.get(5L)).willReturn(Runs.clusterWithSpares());
            given(planning.options(5L, "3.4.6")).willReturn(new RunPlanning.UpgradeOptions(5L, "3.4.5", "3.4.6", List.of(
                    new Eligibility(Method.ROLLING_REPLACEABLE, true, null, null, null, List.of()),
                    new Eligibility(Method.OFFLINE, true, null, null, null, List.of()))));
            String html = mvc.perform(get("/runs/new/options").with(user("op").roles("OPERATOR")).header("HX-Request", "true")
                            .param("clusterId", "5").param("targetVersion", "3.4.6"))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            // member rows first (3), then the spares; a core is offered the spare core only, the read replica the spare RR
            assertThat(optionValues(html, "servers0.replacement")).containsExactly("", "127.0.0.21");
            assertThat(optionValues(html, "servers2.replacement")).containsExactly("", "127.0.0.23");
            assertThat(html).doesNotContain("id=\"servers3.replacement\"").containsPattern("(?s)id=\"install-3\".*?>spare<");
            assertThat(optionValues(html, "seed")).containsExactly("", "127.0.0.11", "127.0.0.12");
        }

        private static List<String> optionValues(String html, String selectId) {
            java.util.regex.Matcher select = java.util.regex.Pattern.compile("(?s)<select[^>]*id=\"" + java.util.regex.Pattern.quote(selectId)
                    + "\"[^>]*>(.*?)</select>").matcher(html);
            assertThat(select.find()).as("select #" + selectId).isTrue();
            return java.util.regex.Pattern.compile("value=\"([^\"]*)\"").matcher(select.group(1)).results()
                    .map(m -> m.group(1)).toList();
        }

        @Test
        void aReplaceableRunTakesTheChosenSparesAndOnlyTheirInstallDetails() throws Exception {
            given(clusters.get(5L)).willReturn(Runs.clusterWithSpares());
            given(planning.options(5L, "3.4.6")).willReturn(new RunPlanning.UpgradeOptions(5L, "3.4.5", "3.4.6", List.of()));
            given(planning.create(any())).willReturn(Runs.plannedRun());
            mvc.perform(post("/runs/new").with(user("op").roles("OPERATOR")).with(csrf()).header("HX-Request", "true")
                            .param("clusterId", "5").param("targetVersion", "3.4.6").param("method", "rolling-replaceable")
                            .param("mode", "auto")
                            .param("servers[0].address", "127.0.0.11").param("servers[0].installType", "tarball")
                            .param("servers[0].archive", "/a.tgz").param("servers[0].newHome", "/n11")
                            .param("servers[0].replacement", "127.0.0.21")
                            .param("servers[1].address", "127.0.0.21").param("servers[1].installType", "tarball")
                            .param("servers[1].spare", "true").param("servers[1].archive", "/a.tgz").param("servers[1].newHome", "/n21")
                            .param("servers[2].address", "127.0.0.23").param("servers[2].installType", "tarball")
                            .param("servers[2].spare", "true").param("servers[2].archive", "").param("servers[2].newHome", ""))
                    .andExpect(header().exists("HX-Location"));
            verify(planning).create(eq(new dev.upshift.run.CreateRunCommand(5L, "3.4.6", "rolling-replaceable", "auto",
                    Map.of("127.0.0.11", dev.upshift.procedure.InstallDetails.tarball("/a.tgz", "/n11"),
                            "127.0.0.21", dev.upshift.procedure.InstallDetails.tarball("/a.tgz", "/n21")),
                    null, null, Map.of("127.0.0.11", "127.0.0.21"))));
        }

        @Test
        void anOfflineRunTakesTheChosenSeed() throws Exception {
            given(planning.options(5L, "3.4.6")).willReturn(new RunPlanning.UpgradeOptions(5L, "3.4.5", "3.4.6", List.of()));
            given(planning.create(any())).willReturn(Runs.plannedRun());
            mvc.perform(post("/runs/new").with(user("op").roles("OPERATOR")).with(csrf()).header("HX-Request", "true")
                            .param("clusterId", "5").param("targetVersion", "3.4.6").param("method", "offline")
                            .param("mode", "auto").param("seed", "127.0.0.12")
                            .param("servers[0].address", "127.0.0.11").param("servers[0].installType", "deb")
                            .param("servers[0].replacement", "127.0.0.21"))
                    .andExpect(header().exists("HX-Location"));
            // a replacement left in the form from another method is not sent with an offline run
            verify(planning).create(eq(new dev.upshift.run.CreateRunCommand(5L, "3.4.6", "offline", "auto",
                    Map.of(), null, "127.0.0.12", Map.of())));
        }

        @Test
        void startingNeedsEveryAcknowledgementThePlanRequires() throws Exception {
            given(queries.get(1L)).willReturn(Runs.plannedRun());
            mvc.perform(post("/runs/1/start").with(user("op").roles("OPERATOR")).with(csrf()).header("HX-Request", "true")
                            .param("acknowledge", "no-downgrade"))
                    .andExpect(content().string(allOf(containsString("Write load: tick the box"),
                            not(containsString("No downgrade: tick the box")))));
            verify(engine, never()).start(anyLong(), anyList());

            mvc.perform(post("/runs/1/start").with(user("op").roles("OPERATOR")).with(csrf()).header("HX-Request", "true")
                            .param("acknowledge", "no-downgrade", "write-load"))
                    .andExpect(status().isOk())
                    .andExpect(header().string("HX-Retarget", "#run-prepare"))
                    .andExpect(content().string(containsString("id=\"run-started\"")));
            verify(engine).start(1L, List.of("no-downgrade", "write-load"));
        }

        @Test
        void thePlannedRunPageIsTheDryRunWithTheStartForm() throws Exception {
            given(queries.get(1L)).willReturn(Runs.plannedRun());
            mvc.perform(get("/runs/1").with(user("op").roles("OPERATOR")))
                    .andExpect(content().string(allOf(containsString("review every step and command (the dry run)"),
                            containsString("/opt/neo4j/bin/neo4j stop"), containsString("id=\"ack-no-downgrade\""),
                            containsString("id=\"ack-write-load\""), containsString("Disable write load"))));
        }
    }
}
