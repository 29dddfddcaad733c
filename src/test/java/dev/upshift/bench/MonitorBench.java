package dev.upshift.bench;

import static dev.upshift.bench.BenchReport.ms;
import static dev.upshift.bench.BenchReport.percentile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import dev.upshift.e2e.Browsers;
import dev.upshift.it.CountingBoltGateway;
import dev.upshift.it.PanelWithLab;
import dev.upshift.lab.LabCluster;
import dev.upshift.lab.LabClusterManager;
import dev.upshift.lab.LabMember;
import dev.upshift.monitor.ClusterMonitor;
import dev.upshift.monitor.MemberState;
import dev.upshift.monitor.MembershipChangeKind;
import dev.upshift.monitor.MembershipChanged;
import dev.upshift.remote.SshGateway;

/**
 * Benchmarks of live membership on a real practice cluster (not part of the test suite: {@code ./mvnw -Pbench verify}).
 * P1: a member's process is stopped (SIGTERM, as {@code kill} sends) and the time until a real browser's DOM shows
 * it missing is measured, over several trials (the member is restarted between trials). P3: 500 SSE subscribers on
 * one cluster: Bolt queries per poll, delivery delay of a change, heap and RSS.
 */
class MonitorBench extends PanelWithLab {

    static final int TRIALS = Integer.getInteger("bench.trials", 10);
    static final int SUBSCRIBERS = Integer.getInteger("bench.subscribers", 500);

    @Autowired
    LabClusterManager labManager;
    @Autowired
    ClusterMonitor monitor;
    @Autowired
    SshGateway ssh;
    @Autowired
    CountingBoltGateway bolt;
    @Autowired
    ConfigurableApplicationContext context;

    /** When the monitor published each member's departure (nanoTime), by address. */
    final Map<String, Long> leftAt = new ConcurrentHashMap<>();

    @Test
    void membership() throws Exception {
        Long clusterId = sharedCluster();
        LabCluster practice = labManager.find(sharedLabId()).orElseThrow();
        context.addApplicationListener(new DepartureClock());
        BenchReport report = new BenchReport();
        report.add("P1", "poll interval in force", monitor.interval(clusterId).toMillis() + " ms", "no active run");

        try (BrowserContext browser = Browsers.chromium().newContext()) {
            Page page = browser.newPage();
            page.setDefaultTimeout(180_000);
            page.navigate(baseUrl() + "/login");
            page.fill("#username", "admin");
            page.fill("#password", ADMIN_PASSWORD);
            page.click("button:has-text('Sign in')");
            page.navigate(baseUrl() + "/clusters/" + clusterId);
            page.waitForSelector("#stream-status:has-text('live')");
            List<Double> toDom = new ArrayList<>();
            List<Double> eventToDom = new ArrayList<>();
            List<Double> rejoin = new ArrayList<>();
            for (int trial = 1; trial <= TRIALS; trial++) {
                LabMember member = follower(clusterId, practice);
                String row = "#member-" + member.address().replace('.', '-');
                page.waitForSelector(row + "[data-role=FOLLOWER]");
                leftAt.remove(member.address());
                long killed = System.nanoTime();
                stop(member);
                page.waitForSelector(row + "[data-role=MISSING]");
                long seen = System.nanoTime();
                toDom.add((seen - killed) / 1e6);
                Long event = leftAt.get(member.address());
                if (event != null) {
                    eventToDom.add((seen - event) / 1e6);
                }
                long started = System.nanoTime();
                start(practice, member);
                page.waitForSelector(row + "[data-role=FOLLOWER], " + row + "[data-role=LEADER]");
                rejoin.add((System.nanoTime() - started) / 1e6);
                // a member that has just joined may still ignore SIGTERM while it finishes starting: let it settle
                Thread.sleep(15_000);
                System.out.printf("[bench] P1 trial %d: %s stopped -> missing in browser %.0f ms; back %.0f ms%n", trial,
                        member.address(), toDom.get(toDom.size() - 1), rejoin.get(rejoin.size() - 1));
            }
            report.add("P1", "stop -> missing in browser, p50", ms(percentile(toDom, 50)), TRIALS + " trials, includes Neo4j's own detection");
            report.add("P1", "stop -> missing in browser, p95", ms(percentile(toDom, 95)), "");
            report.add("P1", "panel's change event -> browser DOM, p95", ms(percentile(eventToDom, 95)), eventToDom.size() + " samples");
            report.add("P1", "member start -> visible again, p50", ms(percentile(rejoin, 50)), "Neo4j start + join + next poll");
        }

        SseClients clients = new SseClients(baseUrl(), "admin", ADMIN_PASSWORD);
        Duration connecting = clients.open("/clusters/" + clusterId + "/events", SUBSCRIBERS, Duration.ofSeconds(120));
        report.add("P3", "subscribers with their first event", clients.connected() + " / " + SUBSCRIBERS,
                "all connected in " + connecting.toMillis() + " ms");
        long polls0 = monitor.completedPolls();
        long queries0 = bolt.queries.get();
        long overviews0 = bolt.overviews.get();
        Thread.sleep(20_000);
        long polls = monitor.completedPolls() - polls0;
        long queries = bolt.queries.get() - queries0;
        long overviews = bolt.overviews.get() - overviews0;
        report.add("P3", "Bolt membership queries per poll (steady, 20 s)", String.format(java.util.Locale.ROOT, "%.2f",
                (double) overviews / Math.max(1, polls)), overviews + " dbms.cluster.overview() / " + polls + " polls");
        report.add("P3", "all Bolt queries per poll (steady, 20 s)", String.format(java.util.Locale.ROOT, "%.2f",
                (double) queries / Math.max(1, polls)), queries + " queries: the overviews and each member's version "
                        + "re-read (dbms.components(), every upshift.monitor.version-refresh per member)");

        LabMember member = follower(clusterId, practice);
        String marker = "id=\"member-" + member.address().replace('.', '-') + "\"";
        clients.matchNext(data -> data.contains(marker) && data.substring(data.indexOf(marker)).contains("data-role=\"MISSING\""));
        leftAt.remove(member.address());
        stop(member);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while ((leftAt.get(member.address()) == null
                || clients.subscribers.stream().anyMatch(s -> s.events.get() > 0 && s.matchedAtNanos == 0))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        long published = leftAt.getOrDefault(member.address(), 0L);
        List<Double> delays = clients.subscribers.stream().filter(s -> s.matchedAtNanos != 0)
                .map(s -> (s.matchedAtNanos - published) / 1e6).toList();
        report.add("P3", "subscribers that received the change", delays.size() + " / " + clients.subscribers.size(), "");
        report.add("P3", "delivery delay of the change, p50", ms(percentile(delays, 50)), "from the monitor's event");
        report.add("P3", "delivery delay of the change, p95", ms(percentile(delays, 95)), "goal <= 1 s");
        System.gc();
        Runtime rt = Runtime.getRuntime();
        report.add("P3", "heap used (test JVM = panel)", ((rt.totalMemory() - rt.freeMemory()) / (1024 * 1024)) + " MB", "after GC");
        report.add("P3", "RSS (test JVM = panel)", BenchReport.rssMegabytes(ProcessHandle.current().pid()) + " MB",
                "includes Playwright and the test's HTTP client");
        start(practice, member);
        report.write("Membership benchmarks");
    }

    private LabMember follower(Long clusterId, LabCluster practice) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            for (MemberState m : monitor.current(clusterId).members()) {
                if (m.present() && "FOLLOWER".equals(m.role())) {
                    return practice.members().stream().filter(x -> x.address().equals(m.address())).findFirst().orElseThrow();
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("No follower to stop");
    }

    private void stop(LabMember member) {
        long pid = Long.parseLong(readPid(member));
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }

    private String readPid(LabMember member) {
        try {
            return java.nio.file.Files.readString(member.pidFile()).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void start(LabCluster practice, LabMember member) throws InterruptedException {
        // wait for the old process to be gone before starting again
        long pid = Long.parseLong(readPid(member));
        for (int i = 0; i < 600 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        ssh.exec(practice.sshTarget(member), "cd " + member.neo4jHome() + " && bin/neo4j start", Duration.ofMinutes(2));
    }

    /**
     * Stamps each departure the moment the monitor publishes it: ordered before the panel's own listeners, which
     * write the SSE pushes synchronously (stamped after them, a loopback subscriber could receive the push first).
     */
    private final class DepartureClock implements ApplicationListener<PayloadApplicationEvent<MembershipChanged>>,
            org.springframework.core.PriorityOrdered {

        @Override
        public void onApplicationEvent(PayloadApplicationEvent<MembershipChanged> e) {
            long now = System.nanoTime();
            e.getPayload().changes().stream().filter(c -> c.getKind() == MembershipChangeKind.MEMBER_LEFT)
                    .forEach(c -> leftAt.put(c.getAddress(), now));
        }

        @Override
        public int getOrder() {
            return org.springframework.core.Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
