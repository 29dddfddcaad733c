package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.upshift.it.Api;
import dev.upshift.it.LabLeader;
import dev.upshift.it.LabRegistration;
import dev.upshift.it.PanelProcess;
import dev.upshift.it.Probes;
import dev.upshift.lab.LabCluster;
import dev.upshift.lab.LabClusterManager;
import dev.upshift.lab.LabClusterRequest;
import dev.upshift.lab.LabMember;
import dev.upshift.lab.LabProperties;
import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.DriverBoltGateway;
import dev.upshift.neo4j.Neo4jProperties;
import dev.upshift.remote.RemoteProperties;
import dev.upshift.remote.SshjGateway;

/**
 * The panel, as its own process, SIGKILLed at every step boundary of a short plan in turn (issue 8's crash loop).
 * The plan is the rollback of an offline run (2 cores, 3.4.5 → 3.4.6) aborted right after its pre-upgrade backup:
 * stop the cluster, check the backup, restore each core's conf and database, unbind, start the cores. After each step
 * the test kills the panel as soon as it sees that step finished — the next one has usually begun, sometimes sent
 * its commands — and starts it again on the same database. Every time: the run is INTERRUPTED, every finished step
 * is still finished, at most the next step is in flight, and the audit chain verifies; the test resumes as an
 * operator would (verify-and-continue; a step whose outcome only its exit codes could tell fails, and so does one whose
 * goal the check found unmet, e.g. the cores' start cut after one core: the test retries it, as it is safe to re-run). At the end the cluster is back with the data of the backup, and no step's
 * command was sent more often than the operator asked for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PanelKilledAtEveryStepIT {

    static final String ADMIN_PASSWORD = "it-Kill-admin-4567";
    static final Path ROOT = Path.of("target/kill-loop-it").toAbsolutePath();

    final SshjGateway ssh = new SshjGateway(new RemoteProperties(Duration.ofSeconds(10)));
    final DriverBoltGateway bolt = new DriverBoltGateway(new Neo4jProperties(Duration.ofSeconds(5), Duration.ofSeconds(15)));
    final LabClusterManager lab = new LabClusterManager(LabProperties.defaults(ROOT.resolve("lab"),
            System.getProperty("killloop.it.address-base", "127.0.0.241")), ssh, bolt);
    final PanelProcess panel = new PanelProcess(ROOT.resolve("panel-" + System.nanoTime()), ADMIN_PASSWORD,
            List.of("--upshift.run.verify-timeout=2m"), List.of("-XX:TieredStopAtLevel=1"));
    final Faults faults = new Faults();
    int tried;

    @AfterAll
    void tearDown() {
        faults.print(tried);
        panel.close();
        lab.close();
    }

    @Test
    void everyStepBoundaryOfARollbackSurvivesASigkill() {
        lab.sweep();
        LabCluster cluster = lab.create("kill-loop", new LabClusterRequest("3.4.5", 2, 0), s -> System.out.println("[lab] " + s));
        bolt.query(LabLeader.of(bolt, cluster), "UNWIND range(1, 20) AS i CREATE (:Probe {i: i, written: 'before the backup'})",
                Map.of(), true);
        panel.start();
        Api api = new Api(panel.baseUrl(), "admin", ADMIN_PASSWORD);
        Api.Response registered = api.post("/api/clusters", LabRegistration.body(cluster, "kill-loop-it", null));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        Integer rollbackId = rollbackOfAnAbortedOfflineRun(api, registered.read("$.id"), cluster);

        Api.Response planned = api.get("/api/runs/" + rollbackId);
        List<Integer> order = planned.<List<Map<String, Object>>>read("$.steps").stream()
                .filter(s -> "PENDING".equals(s.get("status"))).map(s -> (Integer) s.get("id")).toList();
        Map<Integer, String> names = planned.<List<Map<String, Object>>>read("$.steps").stream().collect(Collectors.toMap(
                s -> (Integer) s.get("id"), s -> s.get("key") + (s.get("server") == null ? "" : " on " + s.get("server"))));
        System.out.println("[kill-loop] the plan: " + order.stream().map(names::get).toList());
        Api.Response go = api.post("/api/runs/" + rollbackId + "/start", "{\"acknowledge\":[\"restore-backup\"]}");
        assertThat(go.status()).as(go.body()).isEqualTo(200);

        Map<Integer, Integer> retried = new HashMap<>();
        List<String> passedOver = new java.util.ArrayList<>();
        int k = 0;
        while (true) {
            Api.Response seen = awaitFinished(api, rollbackId, order.get(k));
            // the boundary reached: after the last step seen finished (a step done within one 50 ms poll is passed over)
            Map<Integer, String> statuses = statuses(seen);
            while (k + 1 < order.size() && finished(statuses.get(order.get(k + 1)))) {
                passedOver.add(names.get(order.get(k)));
                k++;
            }
            if (k + 1 >= order.size()) break;
            panel.kill();
            tried++;
            long t0 = System.nanoTime();
            panel.start();
            long restart = (System.nanoTime() - t0) / 1_000_000;
            Recovered r = afterRestart(api, rollbackId, order, k, statuses, retried);
            if (r.boundary() >= order.size() - 1) break;   // the last step ended before the kill landed
            k = r.boundary();
            faults.injected("SIGKILL after " + names.get(order.get(k)) + " (boundary " + (k + 1) + " of " + (order.size() - 1)
                    + ")", "restarted in " + restart + " ms; run INTERRUPTED, finished steps kept, audit chain intact; " + r.observed());
            faults.survived("SIGKILL after " + names.get(order.get(k)));
            k++;
        }
        Api.Response done = await("the rollback completes").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.get("/api/runs/" + rollbackId), r -> !"RUNNING".equals(r.read("$.status")));
        assertThat(done.<String>read("$.status")).as(done.<Object>read("$.statusReason") + "").isEqualTo("SUCCEEDED");
        System.out.println("[kill-loop] " + tried + " kills at " + (order.size() - 1) + " boundaries; passed over (the next step "
                + "was done when seen): " + passedOver);
        assertThat(tried).as("a kill at every boundary; passed over: " + passedOver).isGreaterThanOrEqualTo(order.size() - 2);

        for (Integer step : order) {
            List<String> sent = api.get("/api/runs/" + rollbackId + "/steps/" + step + "/output").<List<String>>read("$[*].text")
                    .stream().filter(l -> l.startsWith("$ ")).toList();
            Map<String, Long> times = sent.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            int allowed = 1 + retried.getOrDefault(step, 0);
            assertThat(times).as("commands of " + names.get(step) + " (retried by the operator " + (allowed - 1) + " times)")
                    .allSatisfy((command, n) -> assertThat(n).as(command).isLessThanOrEqualTo(allowed));
        }
        for (LabMember m : cluster.members()) {
            BoltEndpoint e = BoltEndpoint.unauthenticated(m.bolt());
            assertThat(bolt.components(e).get(0).version()).as(m.address()).isEqualTo("3.4.5");
            assertThat(Probes.count(bolt, e, "before the backup")).as("nodes of the backup on " + m.address()).isEqualTo(20);
            assertThat(Probes.count(bolt, e, "after the backup")).as("nodes written after the backup on " + m.address()).isZero();
        }
        assertThat(api.get("/api/audit/verify").<Boolean>read("$.intact")).isTrue();
    }

    /**
     * An offline run that takes its pre-upgrade backup, is paused right after it (10 nodes are written then, which the
     * rollback must take away) and aborted; its rollback is planned and returned.
     */
    private Integer rollbackOfAnAbortedOfflineRun(Api api, Integer clusterId, LabCluster cluster) {
        Api.Response planned = await("the monitor has the cluster, so a run can be planned").atMost(Duration.ofMinutes(1))
                .until(() -> api.post("/api/runs", "{\"clusterId\":" + clusterId + ",\"targetVersion\":\"3.4.6\",\"method\":\"offline\"}"),
                        r -> r.status() != 409);
        assertThat(planned.status()).as(planned.body()).isEqualTo(201);
        Integer runId = planned.read("$.id");
        assertThat(api.post("/api/runs/" + runId + "/start", "{\"acknowledge\":[\"no-downgrade\"]}").status()).isEqualTo(200);
        await("the pre-upgrade backup runs").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/runs/" + runId).<List<String>>read("$.steps[?(@.key == 'PRE_VERIFY_FULL_BACKUP')].status"),
                        s -> !s.get(0).equals("PENDING"));
        assertThat(api.post("/api/runs/" + runId + "/pause", "{}").status()).isEqualTo(200);
        // PAUSED at once; the step in flight ends first
        Api.Response paused = await("paused after the backup").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/api/runs/" + runId), r -> !"RUNNING".equals(r.read("$.status"))
                        && r.<List<Object>>read("$.steps[?(@.status == 'RUNNING')]").isEmpty());
        assertThat(paused.<String>read("$.status")).as(paused.body()).isEqualTo("PAUSED");
        assertThat(paused.<List<String>>read("$.steps[?(@.key == 'PRE_VERIFY_FULL_BACKUP')].status")).containsExactly("SUCCEEDED");
        bolt.query(LabLeader.of(bolt, cluster), "UNWIND range(1, 10) AS i CREATE (:Probe {i: i, written: 'after the backup'})",
                Map.of(), true);
        assertThat(api.post("/api/runs/" + runId + "/abort", "{\"reason\":\"crash loop: roll back\"}").status()).isEqualTo(200);
        Api.Response rollback = api.post("/api/runs/" + runId + "/rollback", "{}");
        assertThat(rollback.status()).as(rollback.body()).isEqualTo(201);
        return rollback.read("$.id");
    }

    /** @param boundary the index of the last step that had finished when the panel died */
    private record Recovered(int boundary, String observed) {
    }

    /**
     * Right after a restart: the run is INTERRUPTED, what had finished is unchanged, at most the next step is in
     * flight (with its commands-started mark) and nothing after it was touched; the audit chain verifies. Then the
     * operator's part: resume, and retry a step that could only be verified by its exit codes.
     *
     * @param k the last step seen finished before the kill (one more may have finished before the kill landed)
     */
    private Recovered afterRestart(Api api, Integer runId, List<Integer> order, int k, Map<Integer, String> before,
                                   Map<Integer, Integer> retried) {
        Api.Response after = api.get("/api/runs/" + runId);
        if ("SUCCEEDED".equals(after.read("$.status")) && statuses(after).values().stream().allMatch(PanelKilledAtEveryStepIT::finished)) {
            return new Recovered(order.size() - 1, "the run had ended before the kill landed");
        }
        assertThat(after.<String>read("$.status")).as("status after the restart: " + after.read("$.statusReason")).isEqualTo("INTERRUPTED");
        Map<Integer, String> now = statuses(after);
        for (int j = 0; j <= k; j++) {
            assertThat(now.get(order.get(j))).as("step " + order.get(j) + " finished before the kill").isEqualTo(before.get(order.get(j)));
        }
        while (k + 2 < order.size() && finished(now.get(order.get(k + 1)))) k++;
        int boundary = k;
        Integer next = order.get(k + 1);
        List<Map<String, Object>> running = after.read("$.steps[?(@.status == 'RUNNING')]");
        assertThat(running).as("in flight after the restart").hasSizeLessThanOrEqualTo(1);
        for (int j = k + 2; j < order.size(); j++) {
            assertThat(now.get(order.get(j))).as("step " + order.get(j) + " after the boundary").isEqualTo("PENDING");
        }
        assertThat(api.get("/api/audit/verify").<Boolean>read("$.intact")).as("audit chain after the restart").isTrue();
        assertThat(api.post("/api/runs/" + runId + "/resume", "{}").status()).isEqualTo(200);
        if (running.isEmpty()) {
            assertThat(now.get(next)).isEqualTo("PENDING");
            return new Recovered(boundary, "the next step had sent nothing (back to PENDING); resumed");
        }
        assertThat(running.get(0).get("id")).isEqualTo(next);
        assertThat(running.get(0).get("commandsStartedAt")).as("a step left in flight had sent commands").isNotNull();
        Map<String, Object> outcome = await("the step in flight is verified").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/api/runs/" + runId).<List<Map<String, Object>>>read("$.steps[?(@.id == " + next + ")]").get(0),
                        s -> !"RUNNING".equals(s.get("status")));
        if ("SUCCEEDED".equals(outcome.get("status"))) {
            return new Recovered(boundary, "the next step was in flight: verified without re-running it, the run went on");
        }
        assertThat(outcome.get("status")).isEqualTo("FAILED");
        // Either the panel could not judge the step (exit codes only), or it checked and the step's goal was not
        // reached (e.g. the kill cut RB_START_CORES after one core's start: no cluster forms). Both say: retry.
        String diagnosis = (String) outcome.get("diagnosis");
        boolean exitCodesOnly = diagnosis.contains("retry it (safe to re-run)");
        assertThat(exitCodesOnly || diagnosis.contains("verification after the interruption:"))
                .as("why verify-and-continue did not go on: " + diagnosis).isTrue();
        assertThat(outcome.get("retrySafe")).as(outcome.get("key") + " is safe to re-run").isEqualTo(true);
        Api.Response again = api.post("/api/runs/" + runId + "/steps/" + next + "/retry", "{}");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        retried.merge(next, 1, Integer::sum);
        return new Recovered(boundary, exitCodesOnly
                ? "the next step was in flight and only its exit codes could tell: FAILED with 'retry it (safe to re-run)', retried"
                : "the next step was in flight; verified, its goal not reached (" + diagnosis.lines().findFirst().orElse("")
                        .substring(0, Math.min(120, diagnosis.lines().findFirst().orElse("").length())) + "…): FAILED, retried");
    }

    private static Api.Response awaitFinished(Api api, Integer runId, Integer step) {
        return await("step " + step + " finishes").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Api.Response r = api.get("/api/runs/" + runId);
            String status = r.read("$.status");
            assertThat(status).as("the run while step %s runs: %s %s", step, r.<Object>read("$.statusReason"),
                    r.<Object>read("$.steps[?(@.status == 'FAILED')].diagnosis")).isIn("RUNNING", "SUCCEEDED");
            return r;
        }, r -> finished(statuses(r).get(step)));
    }

    private static Map<Integer, String> statuses(Api.Response r) {
        return r.<List<Map<String, Object>>>read("$.steps").stream()
                .collect(Collectors.toMap(s -> (Integer) s.get("id"), s -> (String) s.get("status")));
    }

    private static boolean finished(String status) {
        return "SUCCEEDED".equals(status) || "SKIPPED".equals(status);
    }
}
