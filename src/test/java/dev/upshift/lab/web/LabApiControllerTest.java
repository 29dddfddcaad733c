package dev.upshift.lab.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.upshift.lab.LabClusterRequest;
import dev.upshift.lab.LabClusterView;
import dev.upshift.lab.LabException;
import dev.upshift.lab.LabService;
import dev.upshift.lab.LabStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest({LabApiController.class, LabPageController.class})
@WithMockUser(roles = "ADMIN")
class LabApiControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    LabService lab;

    private static LabClusterView cluster(LabStatus status) {
        return cluster(status, null);
    }

    private static LabClusterView cluster(LabStatus status, String clusterId) {
        return new LabClusterView("lab-1", status, "3.4.5", 3, 1, clusterId,
                List.of(new LabClusterView.MemberView("127.0.0.11", "LEADER", "bolt://127.0.0.11:7687", 2222)),
                "Starting member 2 of 4", List.of(new LabClusterView.Step(Instant.now(), "Starting member 2 of 4")), Instant.now(), null);
    }

    @Test
    void postAnswers202WithTheIdAndALocation() throws Exception {
        given(lab.create(new LabClusterRequest("3.4.5", 3, 1))).willReturn(cluster(LabStatus.STARTING));

        mvc.perform(post("/api/lab/clusters").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":\"3.4.5\",\"cores\":3,\"readReplicas\":1}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/lab/clusters/lab-1"))
                .andExpect(jsonPath("$.id").value("lab-1"))
                .andExpect(jsonPath("$.status").value("STARTING"));
    }

    @Test
    void badInputIsAProblemDetailNamingTheProblem() throws Exception {
        willThrow(new LabException("Neo4j Enterprise 3.4.99 is not on Maven Central")).given(lab).create(any());

        mvc.perform(post("/api/lab/clusters").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":\"3.4.99\",\"cores\":3,\"readReplicas\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Neo4j Enterprise 3.4.99 is not on Maven Central"));
    }

    @Test
    void getShowsStatusMembersAndProgress() throws Exception {
        given(lab.find("lab-1")).willReturn(Optional.of(cluster(LabStatus.READY)));

        mvc.perform(get("/api/lab/clusters/lab-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("READY"))
                .andExpect(jsonPath("$.version").value("3.4.5"))
                .andExpect(jsonPath("$.members[0].address").value("127.0.0.11"))
                .andExpect(jsonPath("$.members[0].role").value("LEADER"))
                .andExpect(jsonPath("$.members[0].bolt").value("bolt://127.0.0.11:7687"))
                .andExpect(jsonPath("$.members[0].sshPort").value(2222));
    }

    @Test
    void unknownIdsAre404() throws Exception {
        given(lab.find("nope")).willReturn(Optional.empty());
        given(lab.delete("nope")).willReturn(false);

        mvc.perform(get("/api/lab/clusters/nope")).andExpect(status().isNotFound());
        mvc.perform(delete("/api/lab/clusters/nope").with(csrf())).andExpect(status().isNotFound());
    }

    @Test
    void deleteTearsDown() throws Exception {
        given(lab.delete("lab-1")).willReturn(true);

        mvc.perform(delete("/api/lab/clusters/lab-1").with(csrf())).andExpect(status().isNoContent());
    }

    @Test
    void thePageShowsTheFormAndTheCardPollsWhileStarting() throws Exception {
        given(lab.list()).willReturn(List.of(cluster(LabStatus.STARTING)));
        given(lab.versions()).willReturn(List.of("3.3.5", "3.4.5", "3.4.6"));

        mvc.perform(get("/lab"))
                .andExpect(status().isOk())
                .andExpect(view().name("lab/lab"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Create practice cluster")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("hx-get=\"/lab/clusters/lab-1\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("every 1s")));
    }

    @Test
    void anHtmxRequestGetsOnlyTheCard() throws Exception {
        given(lab.find("lab-1")).willReturn(Optional.of(cluster(LabStatus.READY, "c-1")));

        mvc.perform(get("/lab/clusters/lab-1").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(view().name("lab/fragments :: lab-cluster-card"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"lab-cluster-lab-1\"")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("every 1s"))));
    }

    @Test
    void aReadyCardKeepsPollingUntilTheRegistryHasTheCluster() throws Exception {
        given(lab.find("lab-1")).willReturn(Optional.of(cluster(LabStatus.READY)));

        mvc.perform(get("/lab/clusters/lab-1").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("every 1s")));
    }

    @Test
    void theFormShowsTheLabsMessageWhenRefused() throws Exception {
        willThrow(new LabException("A causal cluster needs at least 2 core members, not 0")).given(lab).create(any());
        given(lab.versions()).willReturn(List.of("3.4.5"));

        mvc.perform(post("/lab/clusters").with(csrf()).param("version", "3.4.5").param("cores", "0").param("readReplicas", "0"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("at least 2 core members, not 0")));
    }
}
