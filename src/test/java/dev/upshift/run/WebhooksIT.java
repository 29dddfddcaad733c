package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import dev.upshift.it.WebhookReceiver;
import dev.upshift.procedure.ConfVariant;
import dev.upshift.security.ItEnvironment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks through the running app: real run transitions (started, step failed, interrupted, finished) on seeded runs,
 * delivered after commit to a loopback HTTP receiver in the test; a 500 is retried with back-off; a dead receiver
 * never holds up a run, and its failures show on the cluster page.
 */
@SpringBootTest(properties = {"it.context=webhooks", "upshift.webhooks.attempts=3",
        "upshift.webhooks.base-delay=100ms", "upshift.webhooks.request-timeout=2s"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = ItEnvironment.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithMockUser(username = "op-hooks", roles = "OPERATOR")
class WebhooksIT {

    static final Set<String> PAYLOAD_FIELDS = Set.of("event", "runId", "clusterId", "clusterName", "status", "step", "at");

    @Autowired MockMvc mvc;
    @Autowired JdbcTemplate jdbc;
    @Autowired RunPlanning planning;
    @Autowired RunTransitions transitions;
    @Autowired RunConfRepository confs;
    @Autowired JsonMapper json;

    final WebhookReceiver receiver = new WebhookReceiver();

    @AfterAll
    void stopReceiver() {
        receiver.close();
    }

    List<Map<String, Object>> payloads() {
        return receiver.bodies().stream().map(body -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = json.readValue(body, Map.class);
            return map;
        }).toList();
    }

    long count(String event, Long runId) {
        return payloads().stream().filter(p -> event.equals(p.get("event")) && runId.equals(((Number) p.get("runId")).longValue()))
                .count();
    }

    @Test
    @DisplayName("the four event kinds arrive with their fields and no secret; a 500 is retried, both attempts shown")
    void eventsArrive() throws Exception {
        Long clusterId = SeededRuns.cluster(jdbc, "hooked", false,
                receiver.url());
        RunView first = SeededRuns.planned(planning, clusterId, "hooked", "op-hooks", "OPERATOR");
        RunConf conf = new RunConf(first.id(), SeededRuns.SERVERS.get(0), ConfVariant.FINAL);
        conf.set("x\n", "dbms.marker=CONF-CONTENT-MARKER\n", RunConf.Origin.EDITED, "op-hooks", Instant.now());
        confs.save(conf);

        receiver.failNext();
        transitions.start(first.id(), first.requiredAcknowledgements());
        await().atMost(Duration.ofSeconds(10)).until(() -> count("run.started", first.id()) == 2);

        RunView.StepView step = first.steps().stream().filter(s -> s.server() != null).findFirst().orElseThrow();
        transitions.beginStep(step.id());
        transitions.failStep(step.id(), 1, "exit 1", "OUTPUT-MARKER: neo4j did not stop", 3, 0);
        transitions.abort(first.id(), "given up", false);

        RunView second = SeededRuns.planned(planning, clusterId, "hooked", "op-hooks", "OPERATOR");
        transitions.start(second.id(), second.requiredAcknowledgements());
        transitions.interrupt(second.id(), "the panel stopped");
        transitions.resume(second.id());
        transitions.succeed(second.id());

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.bodies().size() == 8);
        List<Map<String, Object>> payloads = payloads();
        assertThat(payloads).allSatisfy(p -> {
            assertThat(PAYLOAD_FIELDS).containsAll(p.keySet());
            assertThat(p).containsKeys("event", "runId", "clusterId", "clusterName", "status", "at")
                    .containsEntry("clusterName", "hooked");
            assertThat(((Number) p.get("clusterId")).longValue()).isEqualTo(clusterId);
        });
        assertThat(payloads).extracting(p -> p.get("event") + " " + p.get("runId") + " " + p.get("status"))
                .containsExactlyInAnyOrder(
                        "run.started " + first.id() + " RUNNING", "run.started " + first.id() + " RUNNING",
                        "step.failed " + first.id() + " RUNNING", "run.finished " + first.id() + " FAILED",
                        "run.finished " + first.id() + " ABORTED",
                        "run.started " + second.id() + " RUNNING", "run.interrupted " + second.id() + " INTERRUPTED",
                        "run.finished " + second.id() + " SUCCEEDED");
        Map<String, Object> failed = payloads.stream().filter(p -> p.get("event").equals("step.failed")).findFirst().orElseThrow();
        assertThat(failed.get("step")).isEqualTo(Map.of("key", step.key(), "server", step.server(), "status", "FAILED"));
        assertThat(payloads.stream().filter(p -> p.get("event").equals("run.started"))).allSatisfy(p ->
                assertThat(p).doesNotContainKey("step"));
        assertThat(receiver.bodies()).allSatisfy(body -> assertThat(body)
                .doesNotContain("CONF-CONTENT-MARKER", "OUTPUT-MARKER", "password", "dbms.", "acknowledge"));

        List<Map<String, Object>> attempts = jdbc.queryForList("SELECT attempt, status_code, succeeded FROM webhook_delivery "
                + "WHERE run_id = ? AND event = 'run.started' ORDER BY id", first.id());
        assertThat(attempts).extracting(a -> a.get("ATTEMPT") + " " + a.get("STATUS_CODE") + " " + a.get("SUCCEEDED"))
                .containsExactly("1 500 false", "2 204 true");
        mvc.perform(get("/clusters/{id}", clusterId).with(user("lead").roles("AUDITOR")))
                .andExpect(content().string(containsString("failed: HTTP 500")))
                .andExpect(content().string(containsString("delivered (HTTP 204)")));
    }

    @Test
    @DisplayName("a dead receiver never holds up a run; every attempt fails with a reason shown on the cluster page")
    void deadReceiver() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        Long clusterId = SeededRuns.cluster(jdbc, "dead-hook", false, "http://127.0.0.1:" + deadPort + "/hook");
        RunView run = SeededRuns.planned(planning, clusterId, "dead-hook", "op-hooks", "OPERATOR");

        long before = System.nanoTime();
        transitions.start(run.id(), run.requiredAcknowledgements());
        transitions.abort(run.id(), "given up", false);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
        assertThat(jdbc.queryForObject("SELECT status FROM upgrade_run WHERE id = ?", String.class, run.id()))
                .isEqualTo("ABORTED");

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM webhook_delivery WHERE cluster_id = ?", Long.class, clusterId) == 6);
        assertThat(jdbc.queryForList("SELECT event || ' ' || attempt || ' ' || succeeded FROM webhook_delivery "
                + "WHERE cluster_id = ? ORDER BY event, attempt", String.class, clusterId)).containsExactly(
                "run.finished 1 FALSE", "run.finished 2 FALSE", "run.finished 3 FALSE",
                "run.started 1 FALSE", "run.started 2 FALSE", "run.started 3 FALSE");
        mvc.perform(get("/clusters/{id}", clusterId).with(user("lead").roles("AUDITOR")))
                .andExpect(content().string(containsString("id=\"webhook-deliveries\"")))
                .andExpect(content().string(containsString("failed: connection failed")));
    }
}
