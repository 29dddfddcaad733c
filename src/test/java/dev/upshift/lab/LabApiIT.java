package dev.upshift.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.jayway.jsonpath.JsonPath;
import dev.upshift.remote.ExecResult;
import dev.upshift.remote.SshTarget;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The product path end to end: the API creates a real practice cluster in the background, reports progress, announces
 * it with credentials that work over SSH, and tears it down.
 */
@SpringBootTest(properties = {
        "upshift.data-dir=./target/lab-api-it-data",
        "upshift.lab.root=target/lab-it",
        "upshift.lab.address-base=127.0.0.51"})
@AutoConfigureMockMvc
@WithMockUser(roles = "ADMIN")
@Import(LabApiIT.Events.class)
class LabApiIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    Events events;

    @Autowired
    LabClusterManager manager;

    @Test
    void createFollowAnnounceAndTearDownAPracticeCluster() throws Exception {
        mvc.perform(post("/api/lab/clusters").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":\"3.4.99\",\"cores\":3,\"readReplicas\":0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", Matchers.startsWith("Neo4j Enterprise 3.4.99 is not on Maven Central")));
        mvc.perform(post("/api/lab/clusters").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":\"3.4.5\",\"cores\":0,\"readReplicas\":0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", Matchers.containsString("at least 2 core members")));

        String body = mvc.perform(post("/api/lab/clusters").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":\"3.4.5\",\"cores\":3,\"readReplicas\":0}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("STARTING"))
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(body, "$.id");

        mvc.perform(get("/lab/clusters/" + id).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"lab-cluster-" + id + "\"")));

        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(2)).pollInSameThread().until(() -> {
            String s = mvc.perform(get("/api/lab/clusters/" + id)).andReturn().getResponse().getContentAsString();
            return !"STARTING".equals(JsonPath.read(s, "$.status"));
        });
        String ready = mvc.perform(get("/api/lab/clusters/" + id)).andReturn().getResponse().getContentAsString();
        assertThat((String) JsonPath.read(ready, "$.status")).as(ready).isEqualTo("READY");
        assertThat(JsonPath.<List<String>>read(ready, "$.members[*].role")).containsExactlyInAnyOrder("LEADER", "FOLLOWER", "FOLLOWER");
        assertThat(JsonPath.<List<String>>read(ready, "$.members[*].address")).containsExactly("127.0.0.51", "127.0.0.52", "127.0.0.53");
        assertThat(JsonPath.<List<String>>read(ready, "$.progress[*].text"))
                .anyMatch(t -> t.startsWith("Starting member 2 of 3"))
                .anyMatch(t -> t.startsWith("Waiting for the cluster to form"));
        mvc.perform(get("/lab")).andExpect(status().isOk()).andExpect(content().string(Matchers.containsString(id)));

        LabClusterReady announced = events.ready.stream().filter(e -> e.labId().equals(id)).findFirst().orElseThrow();
        assertThat(announced.members()).hasSize(3).allMatch(m -> m.hostKeyFingerprint().startsWith("SHA256:"));
        LabClusterReady.Member first = announced.members().get(0);
        SshTarget target = SshTarget.withKey(first.address(), first.sshPort(), announced.sshUser(), announced.privateKeyPem(),
                first.hostKeyFingerprint());
        ExecResult status = LabFixtures.SSH.exec(target, first.neo4jHome() + "/bin/neo4j status", Duration.ofSeconds(20));
        assertThat(status.exitCode()).as(status.stdout()).isZero();

        mvc.perform(delete("/api/lab/clusters/" + id).with(csrf())).andExpect(status().isNoContent());
        assertThat(events.removed).contains(new LabClusterRemoved(id));
        mvc.perform(get("/api/lab/clusters/" + id)).andExpect(status().isNotFound());
        assertThat(LabProcesses.ofLab(manager.root(), id)).isEmpty();
        for (String address : List.of("127.0.0.51", "127.0.0.52", "127.0.0.53")) {
            assertThat(LabFixtures.listening(address, 7687)).isFalse();
            assertThat(LabFixtures.listening(address, 2222)).isFalse();
        }
    }

    @TestConfiguration
    static class Events {
        final List<LabClusterReady> ready = new CopyOnWriteArrayList<>();
        final List<LabClusterRemoved> removed = new CopyOnWriteArrayList<>();

        @EventListener
        void on(LabClusterReady event) {
            ready.add(event);
        }

        @EventListener
        void on(LabClusterRemoved event) {
            removed.add(event);
        }
    }
}
