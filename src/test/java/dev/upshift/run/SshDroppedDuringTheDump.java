package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.upshift.it.Api;
import dev.upshift.lab.LabCluster;

/**
 * Issue 8's fault in {@link OfflineUpgradeIT}: the seed's SSH server stops while {@code neo4j-admin dump} runs there.
 * The step fails (the panel never saw the command end), nothing after it runs; with SSH back, a retry dumps again from
 * the start.
 */
final class SshDroppedDuringTheDump {

    private SshDroppedDuringTheDump() {
    }

    /** Injects the fault into the running offline run {@code runId}, waits out the cut-off dump and retries the step. */
    static void survivedBy(Api api, Integer runId, LabCluster cluster) {
        Integer dump = api.get("/api/runs/" + runId).<List<Integer>>read("$.steps[?(@.key == 'OFF_SEED_DUMP')].id").get(0);
        String seed = api.get("/api/runs/" + runId).<List<String>>read("$.steps[?(@.key == 'OFF_SEED_DUMP')].server").get(0);
        String output = "/api/runs/" + runId + "/steps/" + dump + "/output";
        await("neo4j-admin dump sent to the seed").atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    RunPolling.failIfEnded(api.get("/api/runs/" + runId));
                    return api.get(output).<List<String>>read("$[*].text");
                }, lines -> lines.stream().anyMatch(l -> l.startsWith("$ ") && l.contains(" dump --database=")));
        Map<String, Object> failed = Faults.sshOutageFailsTheStep(api, runId, cluster, seed, dump);
        Faults faults = new Faults();
        faults.injected("the SSH server of the seed " + seed + " stopped during neo4j-admin dump", "run FAILED at "
                + "OFF_SEED_DUMP, nothing after it ran; diagnosis: " + failed.get("diagnosis"));
        // as with sshd, a command without a terminal outlives its connection: the DBA lets the dump end, then retries
        await("the cut-off dump ends on the seed").atMost(Duration.ofMinutes(2)).until(() -> ProcessHandle.allProcesses()
                .noneMatch(p -> p.info().commandLine().filter(c -> c.contains("AdminTool") && c.contains(" dump ")
                        && c.contains("/" + seed + "/")).isPresent()));   // its class path is the seed's NEO4J_HOME
        Api.Response retried = api.post("/api/runs/" + runId + "/steps/" + dump + "/retry", "{}");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        faults.survived("SSH connection dropped during neo4j-admin dump (OFF_SEED_DUMP)");
        faults.print(1);
    }
}
