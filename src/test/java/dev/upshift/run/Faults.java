package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.upshift.it.Api;
import dev.upshift.lab.LabCluster;

/**
 * What a fault test injected and which faults it survived: each fault prints what was injected and what was
 * observed as it happens, and the summary (survived of tried) is printed at the end whatever happened.
 */
final class Faults {

    private final List<String> survived = new ArrayList<>();

    void injected(String what, String observed) {
        System.out.println("[fault] injected: " + what + "; observed: " + observed);
    }

    void survived(String fault) {
        survived.add(fault);
        System.out.println("[fault] survived: " + fault);
    }

    void print(int tried) {
        System.out.println("[fault] summary: " + survived.size() + " of " + tried + " faults survived: " + survived);
    }

    /**
     * Stops the SSH server of {@code server} while step {@code stepId} of the run has a command in flight there, and
     * starts it again once the run halted: the run must be FAILED at that step with nothing after it run (the panel
     * never takes a command whose end it did not see for a success). Returns the failed step.
     */
    static Map<String, Object> sshOutageFailsTheStep(Api api, Object runId, LabCluster cluster, String server, Object stepId) {
        cluster.sshOutage(server);
        Api.Response cut;
        try {
            cut = await("the run halts on the dropped connection").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.get("/api/runs/" + runId), r -> !"RUNNING".equals(r.read("$.status")));
        } finally {
            cluster.sshBack(server);
        }
        assertThat(cut.<String>read("$.status")).as(cut.body()).isEqualTo("FAILED");
        Map<String, Object> failed = cut.<List<Map<String, Object>>>read("$.steps[?(@.id == " + stepId + ")]").get(0);
        assertThat(failed.get("status")).as(failed.get("key") + " on " + server + ": " + failed.get("diagnosis")).isEqualTo("FAILED");
        assertNothingRanAfter(cut, failed);
        return failed;
    }

    /** Every step after {@code failed} (in the run's order) is as planned: PENDING, or a skip the planner made. */
    static void assertNothingRanAfter(Api.Response run, Map<String, Object> failed) {
        int position = ((Number) failed.get("position")).intValue();
        List<Map<String, Object>> later = run.<List<Map<String, Object>>>read("$.steps").stream()
                .filter(step -> ((Number) step.get("position")).intValue() > position).toList();
        assertThat(later).as("steps after " + failed.get("key") + " on " + failed.get("server"))
                .allSatisfy(step -> assertThat(step.get("status")).as(step.get("key") + " on " + step.get("server"))
                        .isIn("PENDING", "SKIPPED"))
                .allSatisfy(step -> assertThat(step.get("commandsStartedAt")).as(step.get("key") + " sent nothing").isNull());
    }
}
