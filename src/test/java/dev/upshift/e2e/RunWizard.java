package dev.upshift.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

/** The new-run wizard as an operator goes through it from a cluster's page, up to a green pre-flight and the start. */
final class RunWizard {

    private final Page page;

    RunWizard(Page page) {
        this.page = page;
    }

    /** From the cluster page: a rolling upgrade on fixed servers to {@code target} in {@code mode}; the new run's id. */
    Long plan(String target, String mode) {
        page.click("#plan-upgrade");
        page.fill("#targetVersion", target);
        // Leaving the field is what a person does: it fires the change that asks for this target's options, if the
        // value changed (a synthetic change and then a click elsewhere fired two, and the late answer reset the mode
        // chosen in between). Those options replace the method and mode sections: choose once they have landed.
        page.locator("#targetVersion").blur();
        assertThat(page.locator("#method-choice")).containsText("→ " + target);
        page.waitForFunction("() => !document.querySelector('.htmx-request')");
        assertThat(page.locator("#method-rolling-fixed")).containsText("allowed");
        page.check("#method-rolling-fixed input[type=radio]");
        page.check("#wizard-mode input[value=" + mode + "]");
        assertThat(page.locator("#wizard-mode input[value=" + mode + "]")).isChecked();
        page.click("#create-run");
        page.waitForURL(Pattern.compile(".*/runs/\\d+$"));
        return Long.valueOf(page.url().replaceAll(".*/runs/", ""));
    }

    /** The conf step (the first server's, derived over SSH, validated and accepted), then a green pre-flight. */
    void acceptConfAndPreflight() {
        page.click("#conf-open-0");
        assertThat(page.locator("#conf-0 textarea")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
        // one request at a time, as a person would: the form's next submit waits for the previous answer to land
        page.waitForResponse(r -> r.url().endsWith("/conf/validate"), () -> page.click("#conf-0 button:has-text('Validate')"));
        page.waitForFunction("() => !document.querySelector('.htmx-request')");
        assertThat(page.locator("#conf-0-problems")).isVisible();
        assertThat(page.locator("#conf-0-problems .badge.bad")).hasCount(0);
        page.click("#conf-0 button:has-text('Accept')");
        assertThat(page.locator("#conf-0")).containsText("Accepted");

        page.click("#run-preflight");
        assertThat(page.locator("#preflight-summary .badge")).hasText("all passed",
                new LocatorAssertions.HasTextOptions().setTimeout(120_000));
    }

    /** Ticks both acknowledgements and asks to start the run shown (the panel may still refuse: approval). */
    void requestStart() {
        page.check("#ack-no-downgrade");
        page.check("#ack-write-load");
        page.click("#start-run");
    }

    /** Starts the run shown; returns once its status, pushed over SSE, says RUNNING. */
    void start() {
        requestStart();
        assertThat(page.locator("#run-status")).hasText("RUNNING", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
    }
}
