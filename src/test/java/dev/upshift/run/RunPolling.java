package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import dev.upshift.it.Api;

/**
 * Following a run through the JSON API as a script would ({@code GET /api/runs/{id}}): wait for it to succeed, run a
 * manual run's steps on the operator's word, fail at once when it ended otherwise, and print the steps in flight as
 * {@code [run]} lines along the way.
 */
final class RunPolling {

    private RunPolling() {
    }

    /**
     * Manual mode: runs each step that waits for the operator with the panel ("run"), until {@code key} has
     * succeeded (the next step then waits for the operator).
     */
    static void runStepsUntil(Api api, Integer runId, String key) {
        while (true) {
            Api.Response r = await("run " + runId + ": a step waiting for the operator, or " + key + " done")
                    .atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> api.get("/api/runs/" + runId), x -> {
                        failIfEnded(x);
                        return succeeded(x, key) || !waitingForOperator(x).isEmpty();
                    });
            if (succeeded(r, key)) return;
            Integer step = waitingForOperator(r).get(0);
            Api.Response ran = api.post("/api/runs/" + runId + "/steps/" + step + "/run", "{}");
            assertThat(ran.status()).as(ran.body()).isEqualTo(200);
            progress(ran);
        }
    }

    /** Waits until the run SUCCEEDED, printing its progress; fails as soon as it ended otherwise. */
    static Api.Response awaitSucceeded(Api api, Integer runId, Duration atMost) {
        return await("run " + runId + " finished").atMost(atMost).pollInterval(Duration.ofSeconds(5))
                .until(() -> progress(api.get("/api/runs/" + runId)), r -> {
                    failIfEnded(r);
                    return r.read("$.status").equals("SUCCEEDED");
                });
    }

    /** Fails with the run's reason and its failed steps' diagnoses when it is FAILED, INTERRUPTED or ABORTED. */
    static void failIfEnded(Api.Response r) {
        String status = r.read("$.status");
        if (status.equals("FAILED") || status.equals("INTERRUPTED") || status.equals("ABORTED")) {
            throw new AssertionError("run " + status + ": " + r.read("$.statusReason") + "\n"
                    + r.read("$.steps[?(@.status == 'FAILED')].diagnosis"));
        }
    }

    /** Prints the run's status and its steps in flight (key, server, why it waits); returns the run. */
    static Api.Response progress(Api.Response r) {
        List<String> running = r.read("$.steps[?(@.status == 'RUNNING')].key");
        List<String> servers = r.read("$.steps[?(@.status == 'RUNNING')].server");
        List<String> waiting = r.read("$.steps[?(@.status == 'RUNNING')].waitingReason");
        System.out.println("[run] " + r.read("$.status") + " " + running + " " + servers + (waiting.isEmpty() ? "" : " " + waiting));
        return r;
    }

    private static boolean succeeded(Api.Response r, String key) {
        List<String> statuses = r.read("$.steps[?(@.key == '" + key + "')].status");
        return !statuses.isEmpty() && statuses.stream().allMatch("SUCCEEDED"::equals);
    }

    private static List<Integer> waitingForOperator(Api.Response r) {
        return r.read("$.steps[?(@.status == 'RUNNING' && @.waitingReason =~ /Waiting for the operator.*/)].id");
    }
}
