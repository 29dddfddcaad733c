package dev.upshift.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;

import dev.upshift.lab.LabCluster;
import dev.upshift.lab.LabClusterManager;
import dev.upshift.lab.LabMember;

/**
 * The foundation journey (issue 3): an admin creates an OPERATOR and an AUDITOR, adds a real cluster by discovery,
 * and the AUDITOR sees it without any control to change it — and a forged POST from that session is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FoundationE2E extends JourneySupport {

    static final String OPERATOR_PASSWORD = "Rolling-Upgrade-42x";
    static final String AUDITOR_PASSWORD = "Review-Chain-77q";
    static final String CLUSTER = "prod-graph-e2e";

    @Autowired
    LabClusterManager labManager;
    LabCluster practice;

    @BeforeAll
    void practiceCluster() {
        sharedCluster();
        practice = labManager.find(sharedLabId()).orElseThrow();
    }

    @Test
    @Order(1)
    @DisplayName("admin creates an OPERATOR and an AUDITOR")
    void adminCreatesUsers() {
        login(page, "admin", ADMIN_PASSWORD);
        page.navigate("/users");
        addUser("dba", OPERATOR_PASSWORD, "OPERATOR");
        addUser("lead", AUDITOR_PASSWORD, "AUDITOR");
        assertThat(page.locator("#users-table")).containsText("dba");
        assertThat(page.locator("#users-table")).containsText("lead");
        screenshot(page, "users");
    }

    private void addUser(String username, String password, String role) {
        page.fill("#user-form [name=username]", username);
        page.fill("#user-form [name=password]", password);
        page.selectOption("#user-form [name=role]", role);
        page.click("#user-form button:has-text('Add user')");
        assertThat(page.locator("#user-form")).containsText("Added " + username);
    }

    @Test
    @Order(2)
    @DisplayName("admin adds the cluster by discovery, confirming each host key; it is listed and its membership is live")
    void adminAddsClusterByDiscovery() {
        List<String> dialogs = new ArrayList<>();
        page.onDialog(d -> { dialogs.add(d.message()); d.dismiss(); });
        login(page, "admin", ADMIN_PASSWORD);
        page.navigate("/clusters");
        page.click("#add-cluster");

        // markup in a field is refused with a message and shown inert
        page.fill("#name", "<script>alert('x')</script>");
        page.fill("#boltUri", practice.cores().get(0).bolt().toString());
        page.selectOption("#auth", "NONE");
        page.click("#save-cluster");
        assertThat(page.locator("#cluster-form .field-error").first()).isVisible();
        assertThat(page.locator("#name")).hasValue("<script>alert('x')</script>");
        assertThat(dialogs).as("no script ran").isEmpty();

        page.fill("#name", CLUSTER);
        page.selectOption("#auth", "NONE");
        page.click("#discover");
        assertThat(page.locator("#cluster-form .alert.ok")).containsText("Discovered 3 servers");
        screenshot(page, "discovery");
        for (int i = 0; i < 3; i++) {
            String address = page.inputValue("[name='servers[" + i + "].address']");
            LabMember member = practice.members().stream().filter(m -> m.address().equals(address)).findFirst().orElseThrow();
            page.fill("[name='servers[" + i + "].sshPort']", String.valueOf(member.sshPort()));
            page.fill("[name='servers[" + i + "].neo4jHome']", member.neo4jHome().toString());
            page.fill("[name='servers[" + i + "].confDir']", member.neo4jHome() + "/conf");
            page.fill("[name='servers[" + i + "].dataDir']", member.neo4jHome() + "/data");
            page.click("#fetch-host-key-" + i);
            assertThat(page.locator("[name='servers[" + i + "].hostKeyFingerprint']")).hasValue(member.hostKeyFingerprint());
            page.check("[name='servers[" + i + "].hostKeyConfirmed']");
        }
        page.fill("#sshUser", practice.sshUser());
        page.fill("#sshPrivateKey", practice.privateKeyPem());
        page.click("#save-cluster");

        page.waitForURL(url -> url.matches(".*/clusters/\\d+$"));
        assertThat(page.locator("h1")).hasText(CLUSTER);
        assertThat(page.locator("#membership-table tbody tr")).hasCount(3);
        assertThat(page.locator("#membership-table [data-role=LEADER]")).hasCount(1);
        assertThat(page.locator("#stream-status")).hasText("live");
        screenshot(page, "cluster");
        assertThat(page.content()).doesNotContain(keyBody());
        page.click("#edit-cluster");
        assertThat(page.locator("h1")).hasText("Edit cluster");
        assertThat(page.content()).doesNotContain(keyBody()).doesNotContain("PRIVATE KEY-----\n");
        page.goBack();

        page.navigate("/clusters");
        assertThat(page.locator("#cluster-list")).containsText(CLUSTER);
        screenshot(page, "clusters");
    }

    @Test
    @Order(3)
    @DisplayName("the AUDITOR sees the cluster but no control to change it; a forged POST is refused")
    void auditorReadsOnly() {
        login(page, "lead", AUDITOR_PASSWORD);
        page.navigate("/clusters");
        assertThat(page.locator("#cluster-list")).containsText(CLUSTER);
        assertThat(page.locator("#add-cluster")).hasCount(0);
        page.click("#cluster-list a:has-text('" + CLUSTER + "')");
        assertThat(page.locator("h1")).hasText(CLUSTER);
        assertThat(page.locator("#edit-cluster")).hasCount(0);
        assertThat(page.locator("#delete-cluster")).hasCount(0);
        assertThat(page.locator("#plan-upgrade")).hasCount(0);

        String deleteUrl = page.url() + "/delete";
        String token = page.getAttribute("meta[name=_csrf]", "content");
        APIResponse forged = page.request().post(deleteUrl, RequestOptions.create()
                .setForm(FormData.create().set("_csrf", token)).setMaxRedirects(0));
        assertThat(forged.status()).isEqualTo(403);
        APIResponse withoutToken = page.request().post(deleteUrl, RequestOptions.create().setMaxRedirects(0));
        assertThat(withoutToken.status()).isEqualTo(403);

        page.navigate("/clusters");
        assertThat(page.locator("#cluster-list")).containsText(CLUSTER);
    }

    private String keyBody() {
        String[] lines = practice.privateKeyPem().strip().split("\n");
        return lines[lines.length / 2];
    }
}
