package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.upshift.it.Api;
import dev.upshift.it.LabRegistration;
import dev.upshift.it.PanelProcess;
import dev.upshift.it.Probes;
import dev.upshift.it.StepTimes;
import dev.upshift.it.WebhookReceiver;
import dev.upshift.lab.LabCluster;
import dev.upshift.lab.LabClusterManager;
import dev.upshift.lab.LabClusterRequest;
import dev.upshift.lab.LabMember;
import dev.upshift.lab.LabProperties;
import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.ClusterMember;
import dev.upshift.neo4j.DriverBoltGateway;
import dev.upshift.neo4j.Neo4jProperties;
import dev.upshift.neo4j.Neo4jUnavailableException;
import dev.upshift.remote.RemoteProperties;
import dev.upshift.remote.SshjGateway;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rolling upgrade on replaceable resources (5.3.2.2) 3.4.5 → 3.4.6 of a real 3-core lab cluster onto 3 new lab
 * hosts, driven through the JSON API of the panel running as its own process (the jar the build made). One cluster for
 * several acceptance points (a cluster formation and an upgrade cost minutes):
 * <ul>
 *   <li>run engine 2: every new instance joins by store copy before the member it replaces is shut down; the old hosts
 *       end stopped, the overview lists only the new hosts, the data written before is on each, the registry follows;
 *       on the way a step fails for real (a staged tarball moved aside, then put back and the step retried);</li>
 *   <li>run engine 5: the panel is SIGKILLed while a replacement starts and copies the store; after the restart the
 *       run is INTERRUPTED at that step with its commands-started mark, its output lines and every audit event read
 *       before the kill; verify-and-continue completes it and the audit chain verifies;</li>
 *   <li>history 4: a webhook receiver hears run.started, step.failed, run.interrupted and run.finished of this run;
 *       it is down when the run ends: the run completes anyway, the cluster page shows the failed deliveries, and a
 *       later attempt reaches the receiver once it is back.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplaceableUpgradeIT {

    static final String ADMIN_PASSWORD = "it-Repl-admin-3456";
    static final Path ROOT = Path.of("target/replaceable-it").toAbsolutePath();
    static final JsonMapper JSON = JsonMapper.builder().build();

    final SshjGateway ssh = new SshjGateway(new RemoteProperties(Duration.ofSeconds(10)));
    final DriverBoltGateway bolt = new DriverBoltGateway(new Neo4jProperties(Duration.ofSeconds(5), Duration.ofSeconds(15)));
    final LabClusterManager lab = new LabClusterManager(LabProperties.defaults(ROOT.resolve("lab"),
            System.getProperty("replaceable.it.address-base", "127.0.0.141")), ssh, bolt);
    final WebhookReceiver receiver = new WebhookReceiver();
    final Path panelData = ROOT.resolve("panel-" + System.nanoTime());
    final PanelProcess panel = new PanelProcess(panelData, ADMIN_PASSWORD,
            List.of("--upshift.run.verify-timeout=3m"));

    @AfterAll
    void tearDown() {
        panel.close();
        lab.close();
        receiver.close();
    }

    @Test
    void everyCoreIsReplacedThroughAFailureAndAPanelCrash() throws Exception {
        lab.sweep();
        LabCluster cluster = lab.create("replaceable", new LabClusterRequest("3.4.5", 3, 0, 3), s -> System.out.println("[lab] " + s));
        List<String> olds = cluster.members().stream().map(LabMember::address).toList();
        List<String> news = cluster.spares().stream().map(LabMember::address).toList();
        Probes.write(bolt, leader(cluster.members()), 100, "before the upgrade");

        panel.start();
        Api api = new Api(panel.baseUrl(), "admin", ADMIN_PASSWORD);
        Api.Response registered = api.post("/api/clusters", LabRegistration.body(cluster, "replaceable-it", receiver.url()));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        Integer clusterId = registered.read("$.id");
        assertThat(registered.<List<String>>read("$.servers[?(@.spare == true)].address")).containsExactlyElementsOf(news);

        Map<String, String> replacements = new LinkedHashMap<>();
        for (int i = 0; i < olds.size(); i++) replacements.put(olds.get(i), news.get(i));
        Api.Response refused = api.post("/api/runs", JSON.writeValueAsString(Map.of("clusterId", clusterId,
                "targetVersion", "3.4.6", "method", "rolling-replaceable", "replacements", Map.of(olds.get(0), "127.0.0.250"))));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("127.0.0.250 is not a spare server").contains(news.get(0));

        Api.Response planned = await("the monitor has the cluster, so a run can be planned").atMost(Duration.ofMinutes(1))
                .until(() -> api.post("/api/runs", JSON.writeValueAsString(Map.of("clusterId", clusterId, "targetVersion", "3.4.6",
                        "method", "rolling-replaceable", "mode", "auto", "replacements", replacements))), r -> r.status() != 409);
        assertThat(planned.status()).as(planned.body()).isEqualTo(201);
        Integer runId = planned.read("$.id");
        assertThat(planned.<List<String>>read("$.steps[?(@.key == 'RR_NEW_INSTANCE')].server")).containsExactlyInAnyOrderElementsOf(news);
        assertThat(planned.<List<String>>read("$.steps[?(@.key == 'RR_STOP_OLD')].server")).containsExactlyInAnyOrderElementsOf(olds);
        Api.Response preflight = api.post("/api/runs/" + runId + "/preflight", "{}");
        assertThat(preflight.<List<String>>read("$.checks[?(@.ok == false)].message")).as("pre-flight").isEmpty();
        assertThat(preflight.<List<String>>read("$.checks[?(@.name == 'disk')].server")).containsAll(news);

        // the replacement of the second phase will not find its tarball: the run halts there, the test puts it back
        List<String> phaseOrder = planned.read("$.steps[?(@.key == 'RR_NEW_INSTANCE')].server");
        LabMember second = cluster.spares().stream().filter(m -> m.address().equals(phaseOrder.get(1))).findFirst().orElseThrow();
        Path tarball = second.home().resolve("neo4j-enterprise-3.4.6-unix.tar.gz");
        Path aside = Files.move(tarball, second.home().resolve("aside.tar.gz"));

        CoreSampler fewest = new CoreSampler(bolt, cluster.hosts());
        Instant started = Instant.now();
        Api.Response start = api.post("/api/runs/" + runId + "/start", "{\"acknowledge\":[\"no-downgrade\",\"write-load\"]}");
        assertThat(start.status()).as(start.body()).isEqualTo(200);

        Api.Response failed = awaitRun(api, runId, "FAILED", r -> r.<String>read("$.status").equals("FAILED"));
        assertThat(failed.<List<String>>read("$.steps[?(@.status == 'FAILED')].key")).containsExactly("RR_NEW_INSTANCE");
        assertThat(failed.<List<String>>read("$.steps[?(@.status == 'FAILED')].server")).containsExactly(second.address());
        Files.move(aside, tarball);
        Integer failedStep = failed.<List<Integer>>read("$.steps[?(@.status == 'FAILED')].id").get(0);
        Api.Response retried = api.post("/api/runs/" + runId + "/steps/" + failedStep + "/retry", "{}");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);

        // SIGKILL while the second replacement starts and copies the store
        Api.Response inFlight = awaitRun(api, runId, "RR_START_STORE_COPY running on " + second.address(), r ->
                r.<List<String>>read("$.steps[?(@.status == 'RUNNING' && @.key == 'RR_START_STORE_COPY')].server").contains(second.address()));
        Integer killedStep = inFlight.<List<Integer>>read("$.steps[?(@.status == 'RUNNING')].id").get(0);
        String output = "/api/runs/" + runId + "/steps/" + killedStep + "/output";
        await("output of the running step").atMost(Duration.ofMinutes(1)).until(() -> api.get(output).<List<String>>read("$[*].text"),
                l -> !l.isEmpty());
        Api.Response stepBefore = api.get("/api/runs/" + runId);
        List<String> linesBefore = api.get(output).read("$[*].text");
        List<Integer> auditBefore = api.get("/api/audit?size=500").read("$.events[*].id");
        panel.kill();
        // the database file as the kill left it, for a post-mortem should anything be missing after the restart
        Files.copy(panelData.resolve("upshift.mv.db"), panelData.resolve("killed.mv.db.copy"));
        System.out.println("[crash] SIGKILL during RR_START_STORE_COPY on " + second.address() + " after " + linesBefore.size()
                + " output lines and " + auditBefore.size() + " audit events were read");

        panel.start();
        Api.Response interrupted = api.get("/api/runs/" + runId);
        assertThat(interrupted.<String>read("$.status")).isEqualTo("INTERRUPTED");
        assertThat(interrupted.<List<Integer>>read("$.steps[?(@.status == 'RUNNING')].id")).as("the step in flight")
                .containsExactly(killedStep);
        String startedAt = "$.steps[?(@.id == " + killedStep + ")].commandsStartedAt";   // absent while null
        assertThat(stepBefore.<List<String>>read(startedAt)).as("commands started before the kill").hasSize(1);
        assertThat(interrupted.<List<String>>read(startedAt)).as("the commands-started mark after the restart")
                .isEqualTo(stepBefore.<List<String>>read(startedAt));
        List<String> linesAfter = api.get(output).read("$[*].text");
        System.out.println("[crash] output lines of the killed step: " + linesBefore.size() + " read before the kill, "
                + linesAfter.size() + " after the restart");
        assertThat(linesAfter).as("output lines committed before the kill").startsWith(linesBefore.toArray(String[]::new));
        assertThat(api.get("/api/audit?size=500").<List<Integer>>read("$.events[*].id")).as("audit events committed before the kill")
                .containsAll(auditBefore);
        await("webhook run.interrupted").atMost(Duration.ofSeconds(30)).until(receiver::bodies,
                b -> b.stream().anyMatch(x -> x.contains("\"run.interrupted\"")));

        // the receiver goes down for the end of the run: the run does not wait for it, the failures are on the cluster page
        receiver.down();
        Api.Response resumed = api.post("/api/runs/" + runId + "/resume", "{}");   // verify-and-continue
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        Api.Response done = awaitRun(api, runId, "SUCCEEDED", r -> r.<String>read("$.status").equals("SUCCEEDED"));
        Duration wall = Duration.between(started, Instant.now());
        long fewestCores = fewest.stop();

        for (String old : olds) {
            assertThat(answers(old)).as(old + " still answers Bolt").isFalse();
        }
        BoltEndpoint anyNew = endpoint(news.get(0));
        List<ClusterMember> overview = await("overview of the new hosts only").atMost(Duration.ofMinutes(2))
                .until(() -> bolt.overview(anyNew), o -> o.size() == 3);
        assertThat(overview.stream().map(ClusterMember::host).collect(Collectors.toSet())).isEqualTo(Set.copyOf(news));
        for (String neu : news) {
            assertThat(bolt.components(endpoint(neu)).get(0).version()).as(neu).isEqualTo("3.4.6");
            Probes.awaitOn(bolt, endpoint(neu), "before the upgrade", 100);
        }
        assertThat(fewestCores).as("fewest cores in the overview during the run (a replacement joins first)").isGreaterThanOrEqualTo(3);

        Api.Response after = api.get("/api/clusters/" + clusterId);
        assertThat(after.<List<String>>read("$.servers[?(@.spare == false)].address")).containsExactlyInAnyOrderElementsOf(news);
        assertThat(after.<List<String>>read("$.servers[?(@.spare == true)].address")).containsExactlyInAnyOrderElementsOf(olds);
        // and the new hosts are registered where the run installed Neo4j, so the next upgrade starts from there
        assertThat(after.<List<String>>read("$.servers[?(@.spare == false)].neo4jHome")).allMatch(h -> h.endsWith("/neo4j-enterprise-3.4.6"));
        assertThat(api.get("/api/audit/verify").<Boolean>read("$.intact")).isTrue();

        String page = await("a failed delivery of run.finished on the cluster page").atMost(Duration.ofSeconds(30))
                .until(() -> api.page("/clusters/" + clusterId), p -> p.contains("run.finished") && p.contains("failed: connection failed"));
        // (a run.finished of the FAILED run came earlier: a failed run is finished too, until retried)
        Predicate<String> succeeded = b -> b.contains("\"run.finished\"") && b.contains("\"status\":\"SUCCEEDED\"");
        assertThat(receiver.bodies()).noneMatch(succeeded);
        receiver.up();   // a later attempt (back-off) reaches it
        await("webhook run.finished once the receiver is back").atMost(Duration.ofSeconds(60)).until(receiver::bodies,
                b -> b.stream().anyMatch(succeeded));
        List<String> events = receiver.bodies().stream().map(b -> JSON.readTree(b).get("event").asString()).toList();
        assertThat(events).contains("run.started", "step.failed", "run.interrupted", "run.finished");
        System.out.println("[webhook] heard " + events + "; the cluster page showed the failed attempts: " + page.contains("failed: connection failed"));
        assertThat(String.join("\n", receiver.bodies())).doesNotContain("PRIVATE KEY", ADMIN_PASSWORD);
        report(done, wall);
    }

    private BoltEndpoint leader(List<LabMember> members) {
        return members.stream().map(m -> endpoint(m.address())).filter(e -> {
            try {
                return bolt.overview(e).stream().anyMatch(o -> o.role().equals("LEADER") && e.uri().toString().contains(o.host()));
            } catch (Neo4jUnavailableException x) {
                return false;
            }
        }).findFirst().orElseThrow();
    }

    private static BoltEndpoint endpoint(String host) {
        return BoltEndpoint.unauthenticated(java.net.URI.create("bolt://" + host + ":7687"));
    }

    private boolean answers(String host) {
        try {
            bolt.components(endpoint(host));
            return true;
        } catch (Neo4jUnavailableException e) {
            return false;
        }
    }

    private static Api.Response awaitRun(Api api, Integer runId, String what, Predicate<Api.Response> until) {
        return await(what).atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            Api.Response r = api.get("/api/runs/" + runId);
            System.out.println("[run] " + r.read("$.status") + " " + r.read("$.steps[?(@.status == 'RUNNING')].key") + " "
                    + r.read("$.steps[?(@.status == 'RUNNING')].server") + " " + r.read("$.steps[?(@.status == 'RUNNING')].waitingReason"));
            return r;
        }, r -> {
            String status = r.read("$.status");
            if (!until.test(r) && (status.equals("FAILED") || status.equals("ABORTED") || status.equals("SUCCEEDED"))) {
                throw new AssertionError("run " + status + " while waiting for " + what + ": " + r.read("$.statusReason")
                        + "\n" + r.read("$.steps[?(@.status == 'FAILED')].diagnosis"));
            }
            return until.test(r);
        });
    }

    /** Wall time against the members' own work: each new instance's start-to-joined and each old one's stop. */
    private static void report(Api.Response done, Duration wall) {
        List<StepTimes.Step> steps = StepTimes.of(done);
        StepTimes.print("[replaceable-measure]", steps);
        double own = StepTimes.own(steps, Set.of("RR_START_STORE_COPY", "RR_VERIFY_JOINED", "RR_STOP_OLD"), null, null).toMillis() / 1000.0;
        System.out.printf("[replaceable-measure] run wall time %d s (a failed step and its retry included), "
                + "members' own start-to-joined + stop %.0f s%n", wall.toSeconds(), own);
    }

    /** The fewest cores any answering host's overview listed, sampled every 300 ms (the panel may be down meanwhile). */
    static final class CoreSampler {
        private final java.util.concurrent.atomic.AtomicLong fewest = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        private final Thread thread;
        private volatile boolean running = true;

        CoreSampler(DriverBoltGateway bolt, List<LabMember> hosts) {
            thread = new Thread(() -> {
                while (running) {
                    for (LabMember h : hosts) {
                        try {
                            long cores = bolt.overview(endpoint(h.address())).stream().filter(ClusterMember::isCore).count();
                            fewest.accumulateAndGet(cores, Math::min);
                            break;
                        } catch (Neo4jUnavailableException e) {
                            // the next host
                        }
                    }
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "core-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long stop() {
            running = false;
            thread.interrupt();
            return fewest.get();
        }
    }
}
