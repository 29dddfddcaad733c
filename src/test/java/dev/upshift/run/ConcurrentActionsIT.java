package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.upshift.it.Api;
import dev.upshift.it.PanelWithLab;

/**
 * Two operators at once (issue 5, acceptance 7), on the shared practice cluster and without touching its servers
 * (manual-mode runs, aborted while their first steps wait): two simultaneous starts of two runs on one cluster start
 * exactly one, and the refusal names the active run; two simultaneous "run" clicks on one waiting step act once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentActionsIT extends PanelWithLab {

    static final String START = "{\"acknowledge\":[\"no-downgrade\",\"write-load\"]}";

    @Autowired JdbcTemplate jdbc;

    Api api;
    Long clusterId;

    @BeforeAll
    void cluster() {
        clusterId = sharedCluster();
        api = new Api(baseUrl(), "admin", ADMIN_PASSWORD);
    }

    @Test
    void twoStartsOnOneClusterStartExactlyOneRun() throws Exception {
        Integer first = plan();
        Integer second = plan();

        List<Api.Response> answers = together(
                () -> api.post("/api/runs/" + first + "/start", START),
                () -> api.post("/api/runs/" + second + "/start", START));

        assertThat(answers).extracting(Api.Response::status).containsExactlyInAnyOrder(200, 409);
        Api.Response refused = answers.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
        Integer started = answers.get(0).status() == 200 ? first : second;
        Integer other = started.equals(first) ? second : first;
        // whichever way the race went (found active, or lost on the database's unique index), the refusal names the run
        assertThat(refused.<String>read("$.detail")).contains("one active run at a time")
                .containsPattern("run \\(?" + started + "\\)? (is|became) active");
        assertThat(refused.<Integer>read("$.activeRunId")).isEqualTo(started);
        assertThat(status(other)).isEqualTo("PLANNED");
        assertThat(jdbc.queryForObject("select count(*) from upgrade_run where active_cluster_id = ?", Integer.class, clusterId))
                .isEqualTo(1);

        // two clicks on the step that waits for the operator: the panel runs it once
        Long waiting = await("the first step waits for the operator").atMost(Duration.ofSeconds(30))
                .until(() -> waitingStep(started), id -> id != null);
        List<Api.Response> clicks = together(
                () -> api.post("/api/runs/" + started + "/steps/" + waiting + "/run", "{}"),
                () -> api.post("/api/runs/" + started + "/steps/" + waiting + "/run", "{}"));
        assertThat(clicks).extracting(Api.Response::status).containsExactlyInAnyOrder(200, 409);
        await("the step ran").atMost(Duration.ofMinutes(1)).until(() -> stepStatus(waiting), s -> s.equals("SUCCEEDED"));
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'step.taken-over' and target_id = ?",
                Integer.class, String.valueOf(waiting))).isEqualTo(1);
        assertThat(jdbc.queryForObject("select attempts from run_step where id = ?", Integer.class, waiting)).isEqualTo(1);

        // the cluster is free again once the active run ends; then the other one may start
        assertThat(api.post("/api/runs/" + started + "/abort", "{\"reason\":\"concurrency test\"}").status()).isEqualTo(200);
        await("the cluster is released").atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from upgrade_run where active_cluster_id = ?", Integer.class, clusterId) == 0);
        assertThat(api.post("/api/runs/" + other + "/start", START).status()).isEqualTo(200);
        assertThat(api.post("/api/runs/" + other + "/abort", "{\"reason\":\"concurrency test\"}").status()).isEqualTo(200);
    }

    private Integer plan() {
        Api.Response planned = api.post("/api/runs", "{\"clusterId\":" + clusterId
                + ",\"targetVersion\":\"3.4.6\",\"method\":\"rolling-fixed\",\"mode\":\"manual\"}");
        assertThat(planned.status()).as(planned.body()).isEqualTo(201);
        return planned.read("$.id");
    }

    /** Both calls leave at the same moment (a barrier), as two operators' clicks would. */
    @SafeVarargs
    private static List<Api.Response> together(Callable<Api.Response>... calls) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(calls.length);
        ExecutorService pool = Executors.newFixedThreadPool(calls.length);
        try {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (Callable<Api.Response> call : calls) {
                futures.add(pool.submit(() -> {
                    barrier.await();
                    return call.call();
                }));
            }
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> f : futures) answers.add(f.get());
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private String status(Integer runId) {
        return api.get("/api/runs/" + runId).read("$.status");
    }

    private Long waitingStep(Integer runId) {
        List<Number> ids = api.get("/api/runs/" + runId).read("$.steps[?(@.status == 'RUNNING' && @.waitingReason =~ /Waiting for the operator.*/)].id");
        return ids.isEmpty() ? null : ids.get(0).longValue();
    }

    private String stepStatus(Long stepId) {
        return jdbc.queryForObject("select status from run_step where id = ?", String.class, stepId);
    }
}
