package dev.upshift.bench;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;

import dev.upshift.audit.AuditSeeder;
import dev.upshift.audit.bench.AuditBenchmark.Drained;
import dev.upshift.history.RunSeeder;

/**
 * P4, history at scale (not part of the test suite: {@code ./mvnw -Pbench verify -Dit.test=RunHistoryBench}). The
 * panel runs on its own H2 file database under {@code target/bench-history/}, seeded once with 10,000 runs and
 * 1,000,000 audit events (later runs reuse it; delete the directory to reseed). Pages are timed in-process with
 * MockMvc as an AUDITOR: server time (security filters, controller, SQL, Thymeleaf), no HTTP. The CSV export goes
 * over real HTTP on the random port (HTTP Basic), for its throughput. H2's reuse of an unchanged query's last result is
 * off ({@code OPTIMIZE_REUSE_RESULTS=0}): a repeated request computes as it would on a panel whose tables change, not
 * from the cache an idle benchmark would otherwise hit. Every case is warmed up first, then {@code bench.samples}
 * sequential requests per case; p50/p95/max wall time and the request thread's CPU time (p50/p95) are printed and
 * written to {@code target/bench/history.md|json}. Nothing is asserted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:file:./target/bench-history/upshift;AUTO_SERVER=TRUE;OPTIMIZE_REUSE_RESULTS=0",
        "upshift.data-dir=./target/bench-history/data", "upshift.admin-password=" + RunHistoryBench.PASSWORD})
@AutoConfigureMockMvc
class RunHistoryBench {

    static final String PASSWORD = "Bench-only-pass-7781";
    static final int RUNS = 10_000;
    static final long EVENTS = 1_000_000;
    static final int SAMPLES = Math.max(Integer.getInteger("bench.samples", 100), 50);
    static final double GOAL_MS = 100;
    static final int WARM_UP_ROUNDS = 50;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @LocalServerPort
    int port;

    /** MockMvc runs the request on the calling thread: its CPU time is the request's, whatever the neighbours do. */
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    final BenchReport report = new BenchReport();

    @Test
    void historyAtScale() throws Exception {
        String loadBefore = load();
        seed();
        List<Long> reviewed = jdbc.queryForList("select id from upgrade_run where status = 'SUCCEEDED' "
                + "and cluster_name like 'seeded-%' and mod(id, 250) = 0 order by id", Long.class);
        LocalDate month = LocalDate.now(ZoneOffset.UTC).minusMonths(6).withDayOfMonth(1);
        List<Page> pages = List.of(new Page("runs list, first page", List.of("/runs"), true),
                new Page("runs list, by cluster", List.of("/runs?clusterId=900003"), true),
                new Page("runs list, by status (FAILED)", List.of("/runs?status=FAILED"), true),
                new Page("runs list, by operator", List.of("/runs?operator=dba-chen"), true),
                new Page("runs list, one month", List.of("/runs?from=" + month + "&to=" + month.plusMonths(1)), true),
                new Page("runs list, page 300 of 400", List.of("/runs?page=300"), true),
                new Page("run review page", reviewed.stream().map(id -> "/runs/" + id + "/review").toList(), true),
                new Page("run report (Markdown)", reviewed.stream().map(id -> "/runs/" + id + "/report.md").toList(), false),
                new Page("audit page, newest", List.of("/audit"), true),
                new Page("audit text search (\"failed\")", List.of("/audit?text=failed"), false));
        // warm every case before measuring any, so that the first ones do not carry the JIT's compiling
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            for (Page p : pages) request(p.paths().get(round % p.paths().size()));
        }
        for (Page p : pages) measure(p);
        export("/api/audit/export.csv");
        report.add("P4", "load average (1 min)", loadBefore + " → " + load(), "before seeding → after the export; "
                + "wall times include waiting for a core, CPU times do not");
        report.write("History");
    }

    private void seed() {
        AuditSeeder audit = new AuditSeeder(jdbc, transactions);
        long missing = EVENTS - audit.events();
        long began = System.nanoTime();
        if (missing > 0) audit.append(missing, Duration.ofDays(365));
        String auditNote = missing > 0 ? String.format(Locale.ROOT, "%,d appended in %.0f s", missing,
                (System.nanoTime() - began) / 1e9) : "reused from target/bench-history";
        report.add("P4", "audit events", String.format(Locale.ROOT, "%,d", audit.events()), auditNote);
        RunSeeder runs = new RunSeeder(jdbc, transactions);
        String runNote = runs.seed(RUNS, Duration.ofDays(365)).map(r -> String.format(Locale.ROOT,
                        "seeded in %d s: %,d steps, %,d output lines, %,d checks, %,d membership changes", r.took().toSeconds(),
                        r.steps(), r.outputLines(), r.checks(), r.changes()))
                .orElse("reused from target/bench-history");
        report.add("P4", "runs", String.format(Locale.ROOT, "%,d", runs.seeded()), runNote);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A case: sequential requests cycling through {@code paths}; the goal applies to the runs list, review and audit page. */
    private record Page(String name, List<String> paths, boolean goal) {
    }

    private void measure(Page page) throws Exception {
        List<String> paths = page.paths();
        if (paths.isEmpty()) throw new IllegalStateException("No seeded run to measure for " + page.name());
        List<Double> millis = new ArrayList<>(SAMPLES);
        List<Double> cpu = new ArrayList<>(SAMPLES);
        for (int i = 0; i < SAMPLES; i++) {
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            request(paths.get(i % paths.size()));
            millis.add((System.nanoTime() - start) / 1e6);
            cpu.add((THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6);
        }
        double p95 = BenchReport.percentile(millis, 95);
        String value = String.format(Locale.ROOT, "%.0f / %.0f / %.0f ms", BenchReport.percentile(millis, 50), p95,
                BenchReport.percentile(millis, 100));
        double cpu95 = BenchReport.percentile(cpu, 95);
        String note = String.format(Locale.ROOT, "%d samples, p50 / p95 / max; CPU p50 %.0f, p95 %.0f ms", SAMPLES,
                BenchReport.percentile(cpu, 50), cpu95) + (paths.size() > 1 ? "; over " + paths.size() + " runs" : "")
                + (page.goal() ? "; goal p95 ≤ 100 ms: wall " + verdict(p95) + ", CPU " + verdict(cpu95) : "");
        report.add("P4", page.name(), value, note);
    }

    private static String verdict(double p95) {
        return p95 <= GOAL_MS ? "meets" : "MISSES";
    }

    private void request(String path) throws Exception {
        int status = mvc.perform(get(path).with(user("lead").roles("AUDITOR"))).andReturn().getResponse().getStatus();
        if (status != 200) throw new IllegalStateException(path + " answered " + status);
    }

    private void export(String path) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        long start = System.nanoTime();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path)).header("Authorization", basic).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Drained body = Drained.of(response.body());
        if (response.statusCode() != 200) throw new IllegalStateException(path + " answered " + response.statusCode());
        double seconds = (System.nanoTime() - start) / 1e9;
        report.add("P4", "audit CSV export", String.format(Locale.ROOT, "%,.0f rows/s", body.rows() / seconds),
                String.format(Locale.ROOT, "%,d rows, %.0f MB in %.1f s over HTTP (loopback)", body.rows(),
                        body.bytes() / 1e6, seconds));
    }
}
