package dev.upshift.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

/**
 * The live run page (issue 6) on the shared practice cluster, without touching its servers' state: a manual-mode
 * run is started, the operator lets the panel run the first read-only steps (the planning check over Bolt, the
 * backup copy of one neo4j.conf), and the steps' transitions and output arrive over SSE without reload. An AUDITOR
 * watches the same run with no action button. The run is then aborted, before any server is stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunLiveE2E extends JourneySupport {

    static final String OPERATOR_PASSWORD = "live-Passw0rd-e2e";
    static final String AUDITOR_PASSWORD = "watch-Passw0rd-e2e";
    static final LocatorAssertions.HasAttributeOptions LIVE = new LocatorAssertions.HasAttributeOptions().setTimeout(120_000);

    Long clusterId;

    @BeforeAll
    void practiceClusterAndUsers() {
        clusterId = sharedCluster();
        createUser("live-dba", OPERATOR_PASSWORD, "OPERATOR");
        createUser("live-lead", AUDITOR_PASSWORD, "AUDITOR");
    }

    @Test
    @DisplayName("a manual run's steps, actions and output arrive live; an AUDITOR watches without actions")
    void manualRunLive() {
        try {
            journey();
        } catch (AssertionError e) {
            screenshot(page, "run-live-failure");   // what the operator saw when it went wrong
            throw e;
        }
    }

    private void journey() {
        login(page, "live-dba", OPERATOR_PASSWORD);
        page.navigate("/runs/new");
        page.selectOption("#clusterId", String.valueOf(clusterId));
        assertThat(page.locator("#method-rolling-fixed")).isVisible();
        page.check("#method-rolling-fixed input[type=radio]");
        page.check("#wizard-mode input[value=manual]");
        page.click("#create-run");
        page.waitForURL(Pattern.compile(".*/runs/\\d+$"));
        String runUrl = page.url();

        // the status arrives over SSE; the wizard's steps give way (no reload)
        new RunWizard(page).start();
        assertThat(page.locator("#conf-panel")).hasCount(0);
        assertThat(page.locator("#start-form")).hasCount(0);

        // the first step waits for the operator: its card arrives over SSE with the operator's actions
        Locator planning = page.locator(".step-card[data-key=PRE_PLANNING]");
        assertThat(planning).hasAttribute("data-status", "RUNNING", LIVE);
        assertThat(planning).hasClass(Pattern.compile(".*\\bcurrent\\b.*"));
        assertThat(planning.locator("button:has-text('Let the panel run it')")).isVisible(
                new LocatorAssertions.IsVisibleOptions().setTimeout(60_000));

        // an AUDITOR follows the same run live, without a single action
        BrowserContext auditorContext = newContext();
        Page auditor = auditorContext.newPage();
        auditor.setDefaultTimeout(15_000);
        login(auditor, "live-lead", AUDITOR_PASSWORD);
        auditor.navigate(runUrl);
        assertThat(auditor.locator("#read-only-note")).isVisible();
        assertThat(auditor.locator(".step-card[data-key=PRE_PLANNING]")).hasAttribute("data-status", "RUNNING");
        assertThat(auditor.locator("#stream-status")).hasText("live");
        assertThat(auditor.locator("#run-page form")).hasCount(0);

        planning.locator("button:has-text('Let the panel run it')").click();
        assertThat(planning).hasAttribute("data-status", "SUCCEEDED", LIVE);
        assertThat(auditor.locator(".step-card[data-key=PRE_PLANNING]")).hasAttribute("data-status", "SUCCEEDED", LIVE);

        // the next step: the panel copies one server's neo4j.conf to the backup directory; its output streams in
        // (whichever server's copy the engine takes first: the order of the pre-upgrade steps follows the roles now)
        Locator waiting = page.locator(".step-card[data-key=PRE_BACKUP_CONF][data-status=RUNNING]");
        assertThat(waiting).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(120_000));
        Locator backup = page.locator("#" + waiting.getAttribute("id"));
        backup.locator("button:has-text('Let the panel run it')").click();
        assertThat(backup).hasAttribute("data-status", "SUCCEEDED", LIVE);
        assertThat(page.locator("#console-lines")).containsText("neo4j.conf");
        assertThat(auditor.locator("#console-lines")).containsText("neo4j.conf");
        assertThat(page.locator("#steps-done")).not().hasText("3");
        viewport(page, "run-live-manual");
        viewport(auditor, "run-live-auditor");
        assertThat(auditor.locator("#run-page form")).hasCount(0);
        auditorContext.close();

        // abort before any server is touched
        page.onDialog(d -> d.accept());
        page.click("#run-actions summary");
        page.fill("#abort-reason", "live page journey: stop before any server is stopped");
        page.click("#abort-run");
        assertThat(page.locator("#run-status")).hasText("ABORTED");
        screenshot(page, "run-live-aborted");
    }

    private static void viewport(Page page, String name) {
        page.evaluate("window.scrollTo(0, 0)");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots", name + ".png")));
    }
}
