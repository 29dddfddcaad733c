package dev.upshift.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

import dev.upshift.it.Api;
import dev.upshift.lab.LabCluster;
import dev.upshift.lab.LabClusterManager;
import dev.upshift.lab.LabMember;
import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.BoltGateway;
import dev.upshift.remote.ExecResult;
import dev.upshift.remote.SshGateway;
import dev.upshift.remote.SshTarget;

/**
 * The operator of a manual run, as a person at a terminal would be: reads the commands the current step shows (the
 * run's API, checked against the step card in the browser), runs them over their own SSH session on the lab host
 * (host key pinned to what the lab host presents) or over Bolt, then clicks the step's "Confirm done" in the browser
 * with a note and waits for the panel's verdict on the page.
 */
final class ManualOperator {

    /** One step waiting for the operator, as {@code GET /api/runs/{id}} returns it. */
    record WaitingStep(long id, String key, String server, List<Map<String, Object>> commands) {

        String where() {
            return key + (server == null ? "" : " on " + server);
        }
    }

    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(5);
    private static final String AWAITING = "Waiting for the operator";

    private final Page page;
    private final Api api;
    private final long runId;
    private final LabCluster lab;
    private final SshGateway ssh;
    private final BoltGateway bolt;
    private int confirmations;

    ManualOperator(Page page, Api api, long runId, LabCluster lab, SshGateway ssh, BoltGateway bolt) {
        this.page = page;
        this.api = api;
        this.runId = runId;
        this.lab = lab;
        this.ssh = ssh;
        this.bolt = bolt;
    }

    /**
     * Before planning, the operator puts the new version's tarball on every host, beside NEO4J_HOME where the wizard
     * looks. The lab builds it from Maven Central (cached after the first time); a hard link leaves the bytes an
     * upload would, at no cost.
     */
    static void stageTarball(LabClusterManager labs, LabCluster lab, String version) throws IOException {
        Path tarball = labs.distribution(version, line -> System.out.println("[lab] " + line));
        for (LabMember m : lab.members()) {
            Path staged = m.home().resolve(tarball.getFileName());
            Files.deleteIfExists(staged);
            Files.createLink(staged, tarball);
        }
    }

    /** The step that waits for the operator now; null once the run is no longer RUNNING (finished or halted). */
    WaitingStep next(Duration limit) {
        Api.Response run = await("run " + runId + " asks the operator or ends").atMost(limit).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/api/runs/" + runId), r -> !"RUNNING".equals(r.read("$.status"))
                        || !r.<List<?>>read("$.steps[?(@.waitingReason =~ /" + AWAITING + ".*/)]").isEmpty());
        List<Map<String, Object>> waiting = run.read("$.steps[?(@.waitingReason =~ /" + AWAITING + ".*/)]");
        if (waiting.isEmpty()) return null;
        Map<String, Object> s = waiting.get(0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> commands = (List<Map<String, Object>>) s.get("commands");
        return new WaitingStep(((Number) s.get("id")).longValue(), (String) s.get("key"), (String) s.get("server"), commands);
    }

    /** Runs every command the step shows, after checking the browser shows the same ones. */
    void does(WaitingStep step) {
        Locator card = card(step);
        List<String> shown = step.commands().stream().map(c -> (String) c.get("display")).toList();
        assertThat(card.locator("ol.commands code")).hasText(shown.toArray(String[]::new));
        for (Map<String, Object> c : step.commands()) {
            String server = (String) c.get("server");
            System.out.printf("[operator] %-18s $ %s   [%s]%n", step.key(), c.get("display"), server);
            switch ((String) c.get("type")) {
                case "shell" -> shell(server, (String) c.get("line"));
                case "cypher" -> cypher(server, (String) c.get("query"));
                case "upload-conf" -> uploadPreparedConf(server, (String) c.get("variant"), (String) c.get("path"));
                default -> throw new AssertionError("no operator action for " + c);
            }
        }
    }

    /** Clicks the step's confirm control (with the note) and returns at once: the panel verifies in the background. */
    void confirm(WaitingStep step, String note) {
        Locator form = card(step).locator("form[action$='/confirm']");
        assertThat(form).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
        form.locator("input[name=note]").fill(note);
        form.locator("button[type=submit]").click();
        confirmations++;
    }

    /**
     * Waits for the panel's verdict on the step's {@code attempt} (the run's record), then for the page to show it
     * (pushed, no reload); a verdict other than {@code expected} fails at once with the diagnosis.
     */
    Locator awaitVerdict(WaitingStep step, int attempt, String expected) {
        Map<String, Object> s = await(step.where() + ", attempt " + attempt + ", verified").atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500)).until(() -> stepNow(step), x -> ((Number) x.get("attempts")).intValue() >= attempt
                        && ("SUCCEEDED".equals(x.get("status")) || "FAILED".equals(x.get("status"))));
        assertThat(s.get("status")).as(step.where() + ": " + s.get("diagnosis")).isEqualTo(expected);
        Locator card = card(step);
        assertThat(card).hasAttribute("data-status", expected);
        return card;
    }

    Map<String, Object> stepNow(WaitingStep step) {
        List<Map<String, Object>> found = api.get("/api/runs/" + runId).read("$.steps[?(@.id == " + step.id() + ")]");
        return found.get(0);
    }

    int confirmations() {
        return confirmations;
    }

    Locator card(WaitingStep step) {
        return page.locator("#step-" + step.id());
    }

    private void shell(String server, String line) {
        ExecResult r = ssh.exec(target(server), line, COMMAND_LIMIT);
        r.lines().forEach(l -> System.out.println("[operator]     " + l.text()));
        assertThat(r.succeeded()).as("`" + line + "` on " + server + ": " + r.summary() + " " + r.stderr()).isTrue();
    }

    /** A member just started answers only once it is up: an operator asks again until it does. */
    private void cypher(String server, String query) {
        BoltEndpoint member = BoltEndpoint.unauthenticated(URI.create("bolt://" + server + ":7687"));
        List<Map<String, Object>> rows = await(query + " on " + server).atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> bolt.query(member, query, Map.of(), false), Objects::nonNull);
        rows.forEach(row -> System.out.println("[operator]     " + row));
    }

    /** The prepared file, as the run page offers it, put where the step says (its directory first). */
    private void uploadPreparedConf(String server, String variant, String path) {
        Api.Response conf = api.get("/api/runs/" + runId + "/conf/" + server);
        List<String> content = conf.read("$.variants[?(@.variant == '" + variant.toLowerCase() + "')].content");
        assertThat(content).as(conf.body()).hasSize(1);
        shell(server, "mkdir -p '" + path.substring(0, path.lastIndexOf('/')) + "'");
        ssh.upload(target(server), content.get(0).getBytes(StandardCharsets.UTF_8), path);
    }

    /** The operator's own SSH account on the lab host; the host key is the one the lab host was created with. */
    private SshTarget target(String server) {
        LabMember member = lab.members().stream().filter(m -> m.address().equals(server)).findFirst()
                .orElseThrow(() -> new AssertionError("no lab host " + server));
        return lab.sshTarget(member);
    }
}
