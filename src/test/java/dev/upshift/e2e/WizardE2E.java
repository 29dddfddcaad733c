package dev.upshift.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

/**
 * The wizard journey (issue 6): an OPERATOR plans a rolling 3.4.5 → 3.4.6 run on the shared practice cluster
 * through the wizard, reviews the plan (every step and command per server) and meets the start form's
 * acknowledgements. The run is not started here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WizardE2E extends JourneySupport {

    static final String OPERATOR_PASSWORD = "wizard-Passw0rd-e2e";

    Long clusterId;

    @BeforeAll
    void practiceClusterAndOperator() {
        clusterId = sharedCluster();
        createUser("wizard-dba", OPERATOR_PASSWORD, "OPERATOR");
    }

    @Test
    @DisplayName("OPERATOR creates a rolling 3.4.5 → 3.4.6 run through the wizard and reviews the plan")
    void operatorPlansARollingRun() {
        login(page, "wizard-dba", OPERATOR_PASSWORD);
        page.navigate("/runs");
        page.click("#new-run");
        page.waitForURL("**/runs/new");

        // a bad version gets a field message, and nothing is planned
        page.selectOption("#clusterId", String.valueOf(clusterId));
        assertThat(page.locator("#method-rolling-fixed")).isVisible();
        page.fill("#targetVersion", "3.4");
        page.click("#create-run");
        assertThat(page.locator("#run-form")).containsText("A version looks like 3.4.6.");

        // cluster → version → methods (read from the live cluster) → mode → install details
        page.fill("#targetVersion", "3.4.6");
        page.locator("#targetVersion").dispatchEvent("change");
        assertThat(page.locator("#source-version")).hasText("3.4.5");
        assertThat(page.locator("#method-rolling-fixed")).containsText("allowed");
        assertThat(page.locator("#method-offline")).containsText("allowed");
        assertThat(page.locator("#install-table")).isVisible();
        assertThat(page.locator("#install-table input[name$='.archive']").first())
                .hasValue(Pattern.compile(".*/neo4j-enterprise-3\\.4\\.6-unix\\.tar\\.gz"));
        page.check("#method-rolling-fixed input[type=radio]");
        page.check("#wizard-mode input[value=auto]");
        screenshot(page, "wizard-new-run");

        page.click("#create-run");
        page.waitForURL(Pattern.compile(".*/runs/\\d+$"));
        assertThat(page.locator("#run-status")).hasText("PLANNED");

        // the plan review: pre-upgrade, one phase per server, post-upgrade — every step with its commands
        Locator stepper = page.locator("#stepper");
        assertThat(stepper.locator(".phase")).hasCount(5);
        assertThat(stepper.locator("[data-key=SRV_STOP]")).hasCount(3);
        assertThat(stepper.locator("[data-key=SRV_VERIFY_JOINED]")).hasCount(3);
        assertThat(stepper.locator("[data-key=PRE_BACKUP_CONF]")).hasCount(3);
        assertThat(stepper.locator("[data-key=SRV_INSTALL] .commands").first()).containsText("neo4j-enterprise-3.4.6");
        assertThat(page.locator("#ack-no-downgrade")).isVisible();
        assertThat(page.locator("#ack-write-load")).isVisible();
        assertThat(page.locator("#stream-status")).hasText("live");
        screenshot(page, "run-planned");
        viewport("run-planned-top");

        // conf preparation: the panel reads the server's neo4j.conf over SSH and derives the new one; diff, validate, accept
        page.click("#conf-open-0");
        assertThat(page.locator("#conf-0 textarea")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
        page.click("#conf-0 button:has-text('Validate')");
        assertThat(page.locator("#conf-0-problems")).isVisible();
        assertThat(page.locator("#conf-0-problems .badge.bad")).hasCount(0);
        page.click("#conf-0 button:has-text('Accept')");
        assertThat(page.locator("#conf-0")).containsText("Accepted");
        assertThat(page.locator("#conf-0")).containsText("accepted (edited)");

        // pre-flight: run against the real servers, results listed per check and server
        page.click("#run-preflight");
        assertThat(page.locator("#preflight-table")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(120_000));
        assertThat(page.locator("#preflight-summary")).isVisible();
        // a healthy practice cluster passes: the lab staged the 3.4.6 tarball where the plan expects it
        assertThat(page.locator("#preflight-summary .badge")).hasText("all passed");
        screenshot(page, "run-conf-and-preflight");
        page.locator("#run-prepare").screenshot(new Locator.ScreenshotOptions()
                .setPath(Path.of("target/screenshots", "run-conf-and-preflight-panel.png")));

        // starting needs every acknowledgement: without them the form says so and the run stays PLANNED
        page.click("#start-run");
        assertThat(page.locator("#start-panel")).containsText("tick the box to confirm you have read this");
        assertThat(page.locator("#run-status")).hasText("PLANNED");
        screenshot(page, "run-start-acknowledgements");

        // discarding the reviewed plan: the status arrives over the run's SSE stream, the actions follow it
        page.onDialog(d -> d.accept());
        page.click("#run-actions summary");
        page.fill("#abort-reason", "wizard journey: plan reviewed, not executed");
        page.click("#abort-run");
        assertThat(page.locator("#run-status")).hasText("ABORTED");
        assertThat(page.locator("#run-actions details")).hasCount(0);
        assertThat(page.locator("#stream-status")).hasText("live");
        screenshot(page, "run-discarded");
        viewport("run-discarded-top");

        page.navigate("/runs");
        assertThat(page.locator("#runs-table")).containsText("ABORTED");
        screenshot(page, "runs-list");
    }

    /** What the viewer sees without scrolling (the full-page shots of a long plan are hard to read). */
    private void viewport(String name) {
        page.evaluate("window.scrollTo(0, 0)");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots", name + ".png")));
    }
}
