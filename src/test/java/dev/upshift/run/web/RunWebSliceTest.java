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
import dev.upshift.run.RunRollbacks;
import dev.upshift.run.StepOutputLine;
import dev.upshift.security.SecurityConfig;
import dev.upshift.web.SseHub;

/** The run pages' slice: the web layer behind the real security rules, with the run services mocked. */
@WebMvcTest({RunWizardController.class, RunPageController.class, RunActionController.class,
        RunStartController.class, RunPrepareController.class, RunRollbackController.class})
@Import({SecurityConfig.class, RunLiveView.class})
abstract class RunWebSliceTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    RunLiveView live;
    @MockitoBean
    RunQueries queries;
    @MockitoBean
    ApprovalPanel approvalPanel;
    @MockitoBean
    RunEngine engine;
    @MockitoBean
    RunPlanning planning;
    @MockitoBean
    ClusterService clusters;
    @MockitoBean
    MembershipRenderer membership;
    @MockitoBean
    SseHub hub;
    @MockitoBean
    RunConfs confs;
    @MockitoBean
    Preflight preflight;
    @MockitoBean
    RunRollbacks rollbacks;

    @BeforeEach
    void membershipPanel() {
        willAnswer(call -> {
            Model model = call.getArgument(0);
            MembershipSnapshot snapshot = MembershipSnapshot.unknown(5L);
            model.addAllAttributes(Map.of("clusterId", 5L, "snapshot", snapshot, "picture", TopologyPicture.of(snapshot),
                    "changes", List.of(), "pollSeconds", 2.0));
            return null;
        }).given(membership).addTo(any(), anyLong());
        given(clusters.list()).willReturn(List.of(Runs.cluster()));
        given(clusters.get(5L)).willReturn(Runs.cluster());
    }
}
