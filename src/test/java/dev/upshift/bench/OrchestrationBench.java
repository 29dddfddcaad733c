package dev.upshift.bench;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.upshift.it.Api;
import dev.upshift.it.LabLeader;
import dev.upshift.it.LabRegistration;
import dev.upshift.it.PanelProcess;
import dev.upshift.it.StepTimes;
import dev.upshift.lab.LabCluster;
import dev.upshift.lab.LabClusterManager;
import dev.upshift.lab.LabClusterRequest;
import dev.upshift.lab.LabProperties;
import dev.upshift.neo4j.DriverBoltGateway;
import dev.upshift.neo4j.Neo4jProperties;
import dev.upshift.remote.RemoteProperties;
import dev.upshift.remote.SshjGateway;
import tools.jackson.databind.json.JsonMapper;

/**
 * P2 orchestration overhead (not part of the test suite: {@code ./mvnw -B -Pbench verify -Dit.test=OrchestrationBench}).
 * A real lab cluster of 3 cores + 1 read replica in this JVM (Neo4j Enterprise on loopback, SSH through embedded
 * MINA), the panel as its own process (the jar the build made) driven through its JSON API in auto mode, as in
 * {@code ReplaceableUpgradeIT}: register, plan, pre-flight, start with the plan's acknowledgements, wait for SUCCEEDED.
 * Then the run's wall time (the panel's startedAt → endedAt) against the members' own time, the sum over the steps
 * of what the members themselves take:
 * <ul>
 * <li>rolling 3.4.5 → 3.4.6 ({@code rolling-fixed}): each member's SRV_STOP, and its SRV_START to the end of its
 * SRV_VERIFY_JOINED (start-to-joined as the monitor sees it);</li>
 * <li>offline 3.3.5 → 3.4.6 ({@code offline}): OFF_STOP_ALL, OFF_SEED_START_UPGRADE (start with the store upgrade),
 * OFF_SEED_RESET_CONF (the seed's stop after it), OFF_START_CORES (start to cluster formed), OFF_RR_STOP and
 * OFF_RR_START (start to joined).</li>
 * </ul>
 * The ratio wall / own is the figure of issue 8 (goal ≤ 1.10). Also printed: every step's time, the sum of all steps
 * and what is left of the wall time between steps (the panel's own share), the sum of the steps not counted as own
 * (backups before and after, conf, installs, dumps, loads), the span from the first stop to the last joined with its
 * ratio to own, and the load average while the run ran. Step times include the panel's gates inside a step (a
 * stop's health gate, waiting for the monitor's next poll to see a member stopped or joined). Nothing asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrchestrationBench {

    static final String ADMIN_PASSWORD = "bench-Orch-admin-2207";
    static final Path ROOT = Path.of("target/bench-orchestration").toAbsolutePath();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TARGET = "3.4.6";
    static final Set<String> OFFLINE_OWN = Set.of("OFF_STOP_ALL", "OFF_SEED_START_UPGRADE", "OFF_SEED_RESET_CONF",
            "OFF_START_CORES", "OFF_RR_STOP", "OFF_RR_START");

    final SshjGateway ssh = new SshjGateway(new RemoteProperties(Duration.ofSeconds(10)));
    final DriverBoltGateway bolt = new DriverBoltGateway(new Neo4jProperties(Duration.ofSeconds(5), Duration.ofSeconds(15)));
    final LabClusterManager lab = new LabClusterManager(LabProperties.defaults(ROOT.resolve("lab"),
            System.getProperty("bench.address-base", "127.0.0.221")), ssh, bolt);
    final PanelProcess panel = new PanelProcess(ROOT.resolve("panel-" + System.nanoTime()), ADMIN_PASSWORD, List.of());
    final BenchReport report = new BenchReport();
    final List<Integer> registeredClusters = new ArrayList<>();
    Api api;

    @AfterAll
    void tearDown() throws Exception {
        try {
            report.write("Orchestration benchmarks");
        } finally {
            panel.close();
            lab.close();
        }
    }

    @Test
    @Order(1)
    void rollingUpgrade345To346() {
        measure("rolling", "3.4.5", "rolling-fixed");
    }

    @Test
    @Order(2)
    void offlineUpgrade335To346() {
        measure("offline", "3.3.5", "offline");
    }

    private void measure(String name, String from, String method) {
        startPanel();
        Instant building = Instant.now();
        LabCluster cluster = lab.create("bench-" + name, new LabClusterRequest(from, 3, 1), s -> System.out.println("[lab] " + s));
        System.out.printf("[bench] %s: lab cluster %s 3 cores + 1 RR ready in %d s (formation %d s)%n", name, from,
                Duration.between(building, Instant.now()).toSeconds(), cluster.formationTime().toSeconds());
        try {
            bolt.query(LabLeader.of(bolt, cluster), "UNWIND range(1, 100) AS i CREATE (:Probe {i: i, written: 'before the upgrade'})",
                    Map.of(), true);
            Api.Response registered = api.post("/api/clusters", LabRegistration.body(cluster, "bench-" + name + "-" + System.nanoTime(), null));
            require(registered.status() == 201, "register", registered);
            Integer clusterId = registered.read("$.id");
            registeredClusters.add(clusterId);

            String plan = JSON.writeValueAsString(Map.of("clusterId", clusterId, "targetVersion", TARGET, "method", method, "mode", "auto"));
            Api.Response planned = await("the monitor has the cluster, so a run can be planned").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> api.post("/api/runs", plan), r -> r.status() != 409);
            require(planned.status() == 201, "plan", planned);
            Integer runId = planned.read("$.id");
            List<String> acks = planned.read("$.requiredAcknowledgements");
            Api.Response preflight = api.post("/api/runs/" + runId + "/preflight", "{}");
            List<String> failedChecks = preflight.read("$.checks[?(@.ok == false)].message");
            System.out.printf("[bench] %s: run %d planned, %d steps; pre-flight failures: %s%n", name, runId,
                    planned.<List<Object>>read("$.steps").size(), failedChecks);

            LoadSampler load = new LoadSampler(panel.pid());
            Instant posted = Instant.now();
            Api.Response start = api.post("/api/runs/" + runId + "/start", JSON.writeValueAsString(Map.of("acknowledge", acks)));
            require(start.status() == 200, "start", start);
            Api.Response done = awaitSucceeded(runId);
            Duration observed = Duration.between(posted, Instant.now());
            String loadWhileRunning = load.stop();

            figures(report, name, method, from + " → " + TARGET + ", 3 cores + 1 RR, auto; load avg " + loadWhileRunning, done);
            report.add("P2", name + ": wall time seen by the client", seconds(observed), "start POST → SUCCEEDED polled every 1 s");
            report.add("P5", name + ": panel RSS with one active run", load.rss(), "the panel process, every 5 s while the run ran");
        } finally {
            lab.destroy(cluster.id());
            // so the panel's monitor stops polling a cluster that is gone (a cluster with runs may stay: then it is left)
            registeredClusters.forEach(id -> api.delete("/api/clusters/" + id));
            registeredClusters.clear();
        }
    }

    /** The P2 figures of a finished run's JSON, and each step's time printed. */
    static void figures(BenchReport report, String name, String method, String note, Api.Response done) {
        boolean offline = method.equals("offline");
        Duration wall = Duration.between(Instant.parse(done.read("$.startedAt")), Instant.parse(done.read("$.endedAt")));
        List<StepTimes.Step> steps = StepTimes.of(done);
        StepTimes.print("[bench-step] " + name, steps);
        Duration own = offline ? StepTimes.own(steps, OFFLINE_OWN, null, null) : StepTimes.rollingOwn(steps);
        Duration allSteps = StepTimes.sum(steps);
        String id = "P2";
        report.add(id, name + ": run wall time (startedAt → endedAt)", seconds(wall), note);
        report.add(id, name + ": members' own stop + start-to-joined", seconds(own), ownWhat(method));
        report.add(id, name + ": ratio wall / own", String.format(Locale.ROOT, "%.2f", ratio(wall, own)), "goal ≤ 1.10");
        report.add(id, name + ": sum of all " + steps.size() + " steps", seconds(allSteps),
                String.format(Locale.ROOT, "wall / steps %.2f", ratio(wall, allSteps)));
        report.add(id, name + ": wall time between steps", seconds(wall.minus(allSteps)), "the panel's own share");
        Set<String> ownKeys = offline ? OFFLINE_OWN : Set.of("SRV_STOP", "SRV_START", "SRV_VERIFY_JOINED");
        List<StepTimes.Step> others = steps.stream().filter(s -> !ownKeys.contains(s.key())).toList();
        report.add(id, name + ": the other " + others.size() + " steps", seconds(StepTimes.sum(others)),
                "backups, conf, installs, dumps, loads: in the wall time, not in the own time");
        List<StepTimes.Step> memberPhases = steps.stream().filter(s -> ownKeys.contains(s.key())).toList();
        if (!memberPhases.isEmpty()) {
            Duration span = Duration.between(memberPhases.get(0).startedAt(), memberPhases.get(memberPhases.size() - 1).endedAt());
            report.add(id, name + ": first stop → last joined", seconds(span), String.format(Locale.ROOT,
                    "ratio to own %.2f (no pre-upgrade backup/conf steps, no post-upgrade backup)", ratio(span, own)));
        }
        for (String key : List.of("SRV_STOP", "SRV_START", "SRV_VERIFY_JOINED", "OFF_STOP_ALL", "OFF_SEED_START_UPGRADE",
                "OFF_SEED_RESET_CONF", "OFF_START_CORES", "OFF_RR_STOP", "OFF_RR_START")) {
            List<String> each = steps.stream().filter(s -> s.key().equals(key))
                    .map(s -> String.format(Locale.ROOT, "%.1f", s.duration().toMillis() / 1000.0)).toList();
            if (!each.isEmpty()) report.add(id, name + ": " + key + " per member (s)", String.join(" / ", each), "");
        }
    }

    private void startPanel() {
        if (api == null) {
            lab.sweep();
            panel.start();
            api = new Api(panel.baseUrl(), "admin", ADMIN_PASSWORD);
        }
    }

    private Api.Response awaitSucceeded(Integer runId) {
        return await("run " + runId + " SUCCEEDED").atMost(Duration.ofMinutes(40)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Api.Response r = api.get("/api/runs/" + runId);
            List<String> running = r.read("$.steps[?(@.status == 'RUNNING')].key");
            if (!running.isEmpty()) {
                System.out.println("[run] " + r.read("$.status") + " " + running + " " + r.read("$.steps[?(@.status == 'RUNNING')].server")
                        + " " + r.read("$.steps[?(@.status == 'RUNNING')].waitingReason"));
            }
            return r;
        }, r -> {
            String status = r.read("$.status");
            if (List.of("FAILED", "ABORTED", "INTERRUPTED").contains(status)) {
                throw new AssertionError("run " + status + ": " + r.read("$.statusReason") + "\n"
                        + r.read("$.steps[?(@.status == 'FAILED')].diagnosis"));
            }
            return status.equals("SUCCEEDED");
        });
    }

    private static String ownWhat(String method) {
        return method.equals("offline")
                ? "OFF_STOP_ALL + OFF_SEED_START_UPGRADE + OFF_SEED_RESET_CONF + OFF_START_CORES + OFF_RR_STOP + OFF_RR_START"
                : "Σ SRV_STOP + Σ (SRV_START start → SRV_VERIFY_JOINED end)";
    }

    private static void require(boolean ok, String what, Api.Response r) {
        if (!ok) throw new AssertionError(what + " answered " + r.status() + ": " + r.body());
    }

    private static double ratio(Duration a, Duration b) {
        return a.toMillis() / (double) Math.max(1, b.toMillis());
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** The machine's load average and the panel's resident memory, every 5 s while a run runs. */
    static final class LoadSampler {
        private final List<Double> samples = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<Long> rss = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        LoadSampler(long panelPid) {
            thread = new Thread(() -> {
                while (running) {
                    try {
                        long mb = BenchReport.rssMegabytes(panelPid);
                        if (mb > 0) rss.add(mb);
                        samples.add(Double.parseDouble(BenchReport.loadAverage().split(" ")[0]));
                        Thread.sleep(5_000);
                    } catch (NumberFormatException e) {
                        return;
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "load-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        String stop() {
            running = false;
            thread.interrupt();
            if (samples.isEmpty()) return "unknown";
            double mean = samples.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double max = samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            return String.format(Locale.ROOT, "%.1f mean, %.1f max (1-min, every 5 s)", mean, max);
        }

        /** The panel's RSS while the run ran: mean and max of the samples. */
        String rss() {
            if (rss.isEmpty()) return "unknown";
            return String.format(Locale.ROOT, "%.0f MB mean, %d MB max", rss.stream().mapToLong(Long::longValue).average().orElse(0),
                    rss.stream().mapToLong(Long::longValue).max().orElse(0));
        }
    }
}
