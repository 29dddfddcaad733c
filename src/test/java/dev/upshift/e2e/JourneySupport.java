package dev.upshift.e2e;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import dev.upshift.it.Api;
import dev.upshift.it.PanelWithLab;

/** Browser journeys: the whole panel with its shared practice cluster, driven in real Chromium. */
public abstract class JourneySupport extends PanelWithLab {

    protected BrowserContext context;
    protected Page page;

    static {
        // a real cluster answers slower than a unit test: discovery asks every member, under a loaded CI machine
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    }

    @BeforeEach
    void openBrowser() {
        context = newContext();
        page = context.newPage();
        page.setDefaultTimeout(30_000);
    }

    @AfterEach
    void closeBrowser() {
        context.close();
    }

    protected BrowserContext newContext() {
        Browser browser = Browsers.chromium();
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900).setBaseURL(baseUrl()));
    }

    /** A panel user made by the admin through the users API, as an ADMIN would before handing out accounts. */
    protected void createUser(String username, String password, String role) {
        Api.Response created = new Api(baseUrl(), "admin", ADMIN_PASSWORD).post("/api/users",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"role\":\"" + role + "\"}");
        if (created.status() != 201) {
            throw new AssertionError("user " + username + " not created: " + created.status() + " " + created.body());
        }
    }

    protected void login(Page page, String username, String password) {
        page.navigate("/login");
        page.fill("#username", username);
        page.fill("#password", password);
        page.click("button:has-text('Sign in')");
        page.waitForURL(url -> !url.contains("/login"));
    }

    /** Another person at a browser of their own, signed in, for {@code actions}; their browser closes afterwards. */
    protected void as(String username, String password, Consumer<Page> actions) {
        BrowserContext other = newContext();
        try {
            Page theirs = other.newPage();
            login(theirs, username, password);
            actions.accept(theirs);
        } finally {
            other.close();
        }
    }

    protected void logout(Page page) {
        page.click("button:has-text('Sign out')");
        page.waitForURL(url -> url.contains("/login"));
    }

    protected static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots", name + ".png")).setFullPage(true));
    }
}
