package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.upshift.it.Api;
import dev.upshift.it.SmallDisk;
import dev.upshift.lab.LabCluster;
import dev.upshift.lab.LabMember;
import dev.upshift.monitor.MembershipView;
import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.BoltGateway;

/**
 * The faults {@link ClusterFaultsIT} injects into its rolling run before the conf Neo4j refuses: a full disk under the
 * pre-upgrade full backup, the SSH daemon dying during the first stop, the panel's Bolt access refused while the next
 * stop's health gate decides. Each is waited out until the run halts or holds, checked, and undone as the DBA would;
 * what was injected and survived goes to the test's {@link Faults}.
 */
final class RollingRunFaults {

    private final Api api;
    private final JdbcTemplate jdbc;
    private final MembershipView membership;
    private final BoltGateway bolt;
    private final LabCluster cluster;
    private final Long clusterId;
    private final Faults faults;

    RollingRunFaults(Api api, JdbcTemplate jdbc, MembershipView membership, BoltGateway bolt, LabCluster cluster,
                     Long clusterId, Faults faults) {
        this.api = api;
        this.jdbc = jdbc;
        this.membership = membership;
        this.bolt = bolt;
        this.cluster = cluster;
        this.clusterId = clusterId;
        this.faults = faults;
    }

    /**
     * Starts the planned run with the pre-upgrade full backup's directory on a 32 KB disk: {@code neo4j-admin backup}
     * runs out of space there, the run halts at that step; with the disk gone, the step is retried.
     */
    void startOnAFullBackupDisk(Integer run, Map<String, Object> backupStep) {
        Api.Response full;
        try (SmallDisk disk = SmallDisk.over(backupDirOf(backupStep), "32k")) {
            assertThat(api.post("/api/runs/" + run + "/start", "{\"acknowledge\":[\"no-downgrade\",\"write-load\"]}").status())
                    .isEqualTo(200);
            full = await("the run halts on the full disk").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> api.get("/api/runs/" + run), r -> !"RUNNING".equals(r.read("$.status")));
        }
        assertThat(full.<String>read("$.status")).as(full.body()).isEqualTo("FAILED");
        Map<String, Object> backupFailed = full.<List<Map<String, Object>>>read("$.steps[?(@.status == 'FAILED')]").get(0);
        assertThat(backupFailed.get("key")).isEqualTo("PRE_VERIFY_FULL_BACKUP");
        assertThat((String) backupFailed.get("diagnosis")).as("the diagnosis names the cause").contains("No space left on device");
        Faults.assertNothingRanAfter(full, backupFailed);
        faults.injected("a 32 KB filesystem under the pre-upgrade full backup's directory", "run FAILED at "
                + "PRE_VERIFY_FULL_BACKUP, nothing after it ran; diagnosis: " + backupFailed.get("diagnosis"));
        // the disk is gone with the unmount (as if the DBA freed space): the retry writes the backup in full
        Api.Response retriedBackup = api.post("/api/runs/" + run + "/steps/" + backupFailed.get("id") + "/retry", "{}");
        assertThat(retriedBackup.status()).as(retriedBackup.body()).isEqualTo(200);
        faults.survived("disk full during a backup step (PRE_VERIFY_FULL_BACKUP)");
    }

    /**
     * The SSH daemon of the first server to stop dies while {@code bin/neo4j stop} runs there (the run puts the leader
     * last when leadership moved, so the order is read from the run): the step fails, nothing after it runs; it is
     * retried. Returns that server.
     */
    String sshDroppedDuringTheFirstStop(Integer run) {
        Map<String, Object> stopping = await("the first SRV_STOP sent its command").atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    Api.Response r = api.get("/api/runs/" + run);
                    assertThat(r.<String>read("$.status")).as("the run before its first stop: %s", r.<Object>read("$.statusReason"))
                            .isEqualTo("RUNNING");
                    return r.<List<Map<String, Object>>>read("$.steps[?(@.key == 'SRV_STOP' && @.status == 'RUNNING')]");
                }, l -> !l.isEmpty() && l.get(0).get("commandsStartedAt") != null).get(0);
        String first = (String) stopping.get("server");
        Map<String, Object> cutStep = Faults.sshOutageFailsTheStep(api, run, cluster, first, stopping.get("id"));
        faults.injected("SSH daemon of " + first + " killed during SRV_STOP", "run FAILED at that step, nothing after it ran; "
                + "diagnosis: " + cutStep.get("diagnosis"));
        Api.Response again = api.post("/api/runs/" + run + "/steps/" + cutStep.get("id") + "/retry", "{\"confirmUnsafe\":true}");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        faults.survived("SSH connection dropped during a running command (SRV_STOP)");
        return first;
    }

    /**
     * The run is paused while the first server's rejoin is verified, the registry's Bolt port is pointed where nothing
     * listens (what a firewall between panel and cluster would do; the members keep running), and the run resumed:
     * the next stop's health gate waits, says why, and sends nothing until the panel reads the cluster again.
     */
    void boltUnreachableWhileAGateDecides(Integer run, String firstStopped) {
        // SRV_VERIFY_JOINED waits tens of seconds for the member to rejoin: the pause lands after it, before the next stop
        await("the first server's rejoin is verified").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/api/runs/" + run), r -> !r.<List<Object>>read("$.steps[?(@.status == 'RUNNING' && @.server == '"
                        + firstStopped + "' && @.key == 'SRV_VERIFY_JOINED')]").isEmpty());
        assertThat(api.post("/api/runs/" + run + "/pause", "{}").status()).isEqualTo(200);
        // PAUSED at once; the step in flight ends first
        Api.Response paused = await("the run pauses after that step").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.get("/api/runs/" + run), r -> !"RUNNING".equals(r.read("$.status"))
                        && r.<List<Object>>read("$.steps[?(@.status == 'RUNNING')]").isEmpty());
        assertThat(paused.<String>read("$.status")).as(paused.body()).isEqualTo("PAUSED");
        Map<String, Object> gated = paused.<List<Map<String, Object>>>read("$.steps[?(@.status == 'PENDING')]").get(0);
        assertThat(gated.get("key")).as("the next step stops a member behind a health gate").isEqualTo("SRV_STOP");
        String member = (String) gated.get("server");

        String boltUri = jdbc.queryForObject("select bolt_uri from cluster where id = ?", String.class, clusterId);
        jdbc.update("update cluster set bolt_uri = ? where id = ?", boltUri.replaceFirst(":\\d+$", ":" + closedPort()), clusterId);
        List<String> reasons = new ArrayList<>();
        try {
            await("the monitor loses the cluster").atMost(Duration.ofSeconds(30)).until(() -> !membership.current(clusterId).reachable());
            assertThat(api.post("/api/runs/" + run + "/resume", "{}").status()).isEqualTo(200);
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();   // ten polls of a run's cluster
            while (System.nanoTime() < until) {
                Map<String, Object> step = api.get("/api/runs/" + run).<List<Map<String, Object>>>read("$.steps[?(@.id == "
                        + gated.get("id") + ")]").get(0);
                assertThat(step.get("status")).as("the gated stop of " + member).isIn("PENDING", "RUNNING");
                assertThat(step.get("commandsStartedAt")).as("nothing sent to " + member + " while Bolt is unreachable").isNull();
                if (step.get("waitingReason") != null && !reasons.contains(step.get("waitingReason"))) {
                    reasons.add((String) step.get("waitingReason"));
                }
                sleep(Duration.ofMillis(500));
            }
            assertThat(reasons).as("the gate says why it waits").anyMatch(r -> r.contains("no member answers dbms.cluster.overview()"));
            assertThat(bolt.components(BoltEndpoint.unauthenticated(labMember(member).bolt()))).as(member + " still runs").isNotEmpty();
        } finally {
            jdbc.update("update cluster set bolt_uri = ? where id = ?", boltUri, clusterId);
        }
        faults.injected("the panel's Bolt access to the cluster refused for 10 s while the stop of " + member
                + " waited for its health gate", "the step waited, sending nothing; reasons shown: " + reasons);
        await("the gate is met once Bolt answers again").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.get("/api/runs/" + run).<List<Object>>read("$.steps[?(@.id == " + gated.get("id")
                        + " && @.commandsStartedAt)]"), l -> !l.isEmpty());
        faults.survived("Bolt unreachable during a health gate (it waited and said why)");
    }

    private LabMember labMember(String address) {
        return cluster.members().stream().filter(m -> m.address().equals(address)).findFirst().orElseThrow();
    }

    /** The directory the step's {@code neo4j-admin backup} writes into. */
    private static Path backupDirOf(Map<String, Object> step) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> commands = (List<Map<String, Object>>) step.get("commands");
        Matcher m = Pattern.compile("--backup-dir=(\\S+)").matcher(commands.stream()
                .map(c -> String.valueOf(c.get("line"))).filter(l -> l.contains("--backup-dir=")).findFirst().orElseThrow());
        assertThat(m.find()).isTrue();
        return Path.of(m.group(1));
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
