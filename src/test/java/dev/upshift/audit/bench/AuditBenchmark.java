package dev.upshift.audit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the audit page, filtered searches and the CSV export of a running panel and prints the figures; asserts
 * nothing (it is a measuring tool, not a test). Plain JDK, no Spring, so it runs against any panel:
 *
 * <pre>java -cp target/test-classes dev.upshift.audit.bench.AuditBenchmark http://localhost:8080 admin PASSWORD [N]</pre>
 *
 * Times are wall-clock round trips over the loopback interface, sequential, after a warm-up: server time plus well
 * under a millisecond of HTTP, so they are an upper bound of server time. See docs/lead-guide.md.
 */
public final class AuditBenchmark {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final String base;
    private final String basicAuth;
    private final HttpClient browser;
    private final HttpClient api = HttpClient.newHttpClient();

    private AuditBenchmark(String base, String user, String password) {
        this.base = base;
        this.basicAuth = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: AuditBenchmark <base-url> <user> <password> [requests per scenario, default 200]");
            System.exit(2);
        }
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        AuditBenchmark bench = new AuditBenchmark(args[0].replaceAll("/$", ""), args[1], args[2]);
        bench.login(args[1], args[2]);

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("audit page (newest)", "/audit");
        pages.put("audit page 500 (htmx)", "/audit?page=500");
        pages.put("filter actor", "/audit?actor=dba-chen");
        pages.put("filter actor+action", "/audit?actor=lead-gus&action=run.approved");
        pages.put("filter target", "/audit?targetType=run&targetId=4242");
        pages.put("filter date range", "/audit?from=2026-03-01T00:00&to=2026-03-02T00:00");
        pages.put("filter actor+dates", "/audit?actor=dba-ana&from=2026-06-01&to=2026-06-07");
        pages.put("filter details text", "/audit?text=failed");
        pages.put("API actor+action p3", "/api/audit?actor=dba-bo&action=run.step&page=3&size=100");
        System.out.printf("%-26s %8s %8s %8s %8s%n", "scenario", "p50 ms", "p95 ms", "max ms", "status");
        for (Map.Entry<String, String> scenario : pages.entrySet()) {
            bench.measure(scenario.getKey(), scenario.getValue(), n);
        }
        bench.export("/api/audit/export.csv");
        bench.export("/api/audit/export.csv?action=run.step");
    }

    private void login(String user, String password) throws IOException, InterruptedException {
        String form = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(form);
        if (!csrf.find()) {
            throw new IllegalStateException("No CSRF token on " + base + "/login");
        }
        String body = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
        HttpResponse<Void> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        String location = login.headers().firstValue("Location").orElse("");
        if (location.contains("error")) {
            throw new IllegalStateException("Login refused for " + user);
        }
    }

    private void measure(String name, String path, int n) throws IOException, InterruptedException {
        boolean viaApi = path.startsWith("/api/");
        boolean htmx = name.contains("htmx");
        int status = 0;
        for (int i = 0; i < Math.max(n / 10, 5); i++) {
            status = get(path, viaApi, htmx);
        }
        List<Double> millis = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            status = get(path, viaApi, htmx);
            millis.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf("%-26s %8.1f %8.1f %8.1f %8d%n", name, percentile(millis, 50), percentile(millis, 95),
                millis.get(millis.size() - 1), status);
    }

    private int get(String path, boolean viaApi, boolean htmx) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (viaApi) {
            request.header("Authorization", basicAuth);
        }
        if (htmx) {
            request.header("HX-Request", "true");
        }
        HttpClient client = viaApi ? api : browser;
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode();
    }

    private void export(String path) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = api.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", basicAuth).build(), HttpResponse.BodyHandlers.ofInputStream());
        Drained body = Drained.of(response.body());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("export %s: status %d, %d rows, %.1f MB in %.2f s = %.0f rows/s%n", path,
                response.statusCode(), body.rows(), body.bytes() / 1e6, seconds, body.rows() / seconds);
    }

    /** An export read to its end: its size and its lines (the CSV header is one; a details value never holds a raw newline). */
    public record Drained(long bytes, long lines) {

        public static Drained of(InputStream body) throws IOException {
            long bytes = 0;
            long lines = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = body) {
                for (int read; (read = in.read(buffer)) > 0; ) {
                    bytes += read;
                    for (int i = 0; i < read; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            return new Drained(bytes, lines);
        }

        /** The data rows of a CSV export: every line but the header. */
        public long rows() {
            return Math.max(lines - 1, 0);
        }
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(index, 0));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
