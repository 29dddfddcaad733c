package dev.upshift.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

/** The lab page as an operator uses it: a practice cluster asked for, watched until READY, then opened in the registry. */
final class LabPage {

    private final Page page;

    LabPage(Page page) {
        this.page = page;
    }

    /** Asks for a practice cluster; returns the lab id the page names in its confirmation. */
    String create(String version, int cores, int readReplicas) {
        page.navigate("/lab");
        page.selectOption("#lab-create-form select[name=version]", version);
        page.fill("#lab-create-form input[name=cores]", String.valueOf(cores));
        page.fill("#lab-create-form input[name=readReplicas]", String.valueOf(readReplicas));
        page.click("#lab-create-form button[type=submit]");
        Matcher created = Pattern.compile("(lab-[0-9a-f]+)").matcher(page.locator("#lab-page > .alert").first().innerText());
        if (!created.find()) {
            throw new AssertionError("the lab did not name the new cluster: " + page.locator("#lab-page > .alert").first().innerText());
        }
        return created.group(1);
    }

    /** Waits on the lab cluster's card until it is READY and registered, follows the link; the registry's cluster id. */
    Long awaitRegisteredAndOpen(String labId) {
        page.navigate("/lab/clusters/" + labId);
        assertThat(page.locator("#lab-cluster-" + labId)).hasAttribute("data-status", "READY",
                new LocatorAssertions.HasAttributeOptions().setTimeout(Duration.ofMinutes(8).toMillis()));
        // the registry takes the cluster a moment after READY (discovery over Bolt and SSH); the card shows the link
        Locator registered = page.locator("#lab-cluster-" + labId + " a[href^='/clusters/']");
        assertThat(registered).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(120_000));
        registered.click();
        page.waitForURL(Pattern.compile(".*/clusters/\\d+$"));
        return Long.valueOf(page.url().replaceAll(".*/clusters/", ""));
    }
}
