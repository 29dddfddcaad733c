package dev.upshift.run;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ContextConfiguration;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

import dev.upshift.e2e.Browsers;
import dev.upshift.security.ItEnvironment;
import dev.upshift.web.SseHub;

/**
 * The engine announces a step's end and the next step's start a few milliseconds apart, so the next card is pushed
 * twice in a row (PENDING as the new current step, then RUNNING). htmx registers a swapped-in element's SSE listener
 * only when the swap settles; with its default 20 ms settle delay a second push that arrived first found no element
 * listening and was lost: the page showed a running step as PENDING until reload (RunLiveE2E on a loaded machine).
 * The page must end with the last state of every card, however close the pushes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "it.context=live-push")
@ContextConfiguration(initializers = ItEnvironment.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LivePushE2E {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RunPlanning planning;
    @Autowired
    SseHub hub;

    BrowserContext context;

    @Test
    void cardsPushedBackToBackEndInTheirLastState() {
        Long clusterId = SeededRuns.cluster(jdbc, "live-push", false, null);
        RunView run = SeededRuns.planned(planning, clusterId, "live-push", "push-dba", "OPERATOR");
        Long stepId = run.steps().get(0).id();
        Page page = signedIn();
        page.navigate("/runs/" + run.id());
        assertThat(page.locator("#stream-status")).hasText("live");
        Locator card = page.locator("#step-" + stepId);
        assertThat(card).hasAttribute("data-status", "PENDING");

        // the card as the server renders it, pushed twice within microseconds (as RunDriver's end of one step and
        // start of the next do under load): first RUNNING, then SUCCEEDED
        String served = (String) card.evaluate("e => e.outerHTML");
        String topic = "run:" + run.id();   // RunLiveView's topic for this run
        hub.publish(topic, "step-" + stepId, served.replace("data-status=\"PENDING\"", "data-status=\"RUNNING\""));
        hub.publish(topic, "step-" + stepId, served.replace("data-status=\"PENDING\"", "data-status=\"SUCCEEDED\""));

        assertThat(card).hasAttribute("data-status", "SUCCEEDED", new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
        // and the swapped-in card still listens: a later push lands too
        hub.publish(topic, "step-" + stepId, served.replace("data-status=\"PENDING\"", "data-status=\"FAILED\""));
        assertThat(card).hasAttribute("data-status", "FAILED", new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
    }

    private Page signedIn() {
        Browser browser = Browsers.chromium();
        context = browser.newContext(new Browser.NewContextOptions().setBaseURL("http://127.0.0.1:" + port));
        Page page = context.newPage();
        page.setDefaultTimeout(30_000);
        page.navigate("/login");
        page.fill("#username", "admin");
        page.fill("#password", ItEnvironment.ADMIN_PASSWORD);
        page.click("button:has-text('Sign in')");
        page.waitForURL(url -> !url.contains("/login"));
        return page;
    }

    @AfterAll
    void close() {
        SecurityContextHolder.clearContext();
        if (context != null) context.close();
    }
}
