package dev.upshift.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;

import dev.upshift.it.Api;
import dev.upshift.it.FewestCores;
import dev.upshift.it.LabLeader;
import dev.upshift.it.Probes;
import dev.upshift.lab.LabCluster;

/**
 * The DBA's journey through a whole rolling upgrade on fixed servers, 3.4.5 → 3.4.6, of a practice cluster of
 * 3 cores + 1 read replica, in the browser and in auto mode (issue 6), and the run engine's acceptance 1 (issue 5):
 * the operator creates the practice cluster in the lab, plans the run in the wizard, accepts a prepared conf, gets
 * a green pre-flight and starts it; without a reload the membership table shows every member leave and come back
 * on 3.4.6 and the console shows the commands' output; the run ends SUCCEEDED. Data written before is read on every
 * member after, every member reports 3.4.6, the monitor never saw fewer than 2 cores and the audit chain verifies.
 * Prints the run's wall time against the members' own stop and start-to-joined times.
 *
 * <p>Order 3 takes the same cluster on to 3.4.7 in manual mode (issue 6's manual journey, issue 5's acceptance 6):
 * the test is the operator ({@link ManualOperator}), running each step's shown commands over SSH or Bolt and
 * confirming in the browser; one install is confirmed without being done, and the panel's check of the new
 * installation fails that step before anything else happens, until the operator has done it and confirms again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollingUpgradeE2E extends RollingClusterJourneys {

    @Test
    @Order(1)
    @DisplayName("OPERATOR upgrades a 3-core + 1-RR practice cluster 3.4.5 → 3.4.6, rolling, in the browser")
    void wholeRollingUpgradeInTheBrowser() {
        try {
            journey();
        } catch (AssertionError | RuntimeException e) {
            screenshot(page, "rolling-journey-failure");
            throw e;
        }
    }

    private void journey() {
        login(page, "rolling-dba", OPERATOR_PASSWORD);

        // a practice cluster from the lab page, opened in the registry once the panel has taken it
        LabPage labPage = new LabPage(page);
        labId = labPage.create("3.4.5", 3, 1);
        clusterId = labPage.awaitRegisteredAndOpen(labId);
        LabCluster cluster = labManager.find(labId).orElseThrow();
        requireApprovalAndNotify(clusterId);
        await("monitor sees all 4 members").atMost(Duration.ofMinutes(1)).until(() -> membership.current(clusterId),
                s -> s.reachable() && s.present().size() == 4 && s.leaderCount() == 1);
        Probes.write(bolt, LabLeader.of(bolt, cluster), 100, "before the upgrade");

        // all three methods are offered for a patch upgrade of one minor line (issue 4)
        Api dba = new Api(baseUrl(), "rolling-dba", OPERATOR_PASSWORD);
        Api.Response options = dba.get("/api/clusters/" + clusterId + "/upgrade-options?targetVersion=3.4.6");
        assertThat(options.<List<String>>read("$.methods[?(@.allowed == true)].method")).as(options.body())
                .extracting(m -> m.toLowerCase().replace('_', '-'))
                .containsExactlyInAnyOrder("rolling-fixed", "rolling-replaceable", "offline");
        String leader = LabLeader.of(bolt, cluster).uri().getHost();

        // the wizard, from the cluster page
        runId = new RunWizard(page).plan("3.4.6", "auto");
        Locator stopSteps = page.locator("#stepper [data-key=SRV_STOP]");
        assertThat(stopSteps).hasCount(4);
        assertThat(stopSteps.nth(2)).containsText(leader);                                  // the leader last of the cores
        assertThat(stopSteps.nth(3)).containsText(cluster.members().get(3).address());   // the read replica after them

        new RunWizard(page).acceptConfAndPreflight();

        // the cluster requires approval: the operator's start is refused until a lead approves the plan
        new RunWizard(page).requestStart();
        assertThat(page.locator("#start-panel")).containsText("approv");
        assertThat(page.locator("#run-status")).hasText("PLANNED");
        assertThat(page.locator("#approve-plan")).hasCount(0);   // not for the run's own creator
        approveAsLead(runId);
        page.navigate("/runs/" + runId);
        assertThat(page.locator("#approval-valid")).isVisible();

        // start, then watch: no reload from here on
        MembershipRecorder table = MembershipRecorder.start(page);
        FewestCores fewestCores = new FewestCores(membership, clusterId);
        Instant started = Instant.now();
        new RunWizard(page).start();
        // the output of a member's stop arrives in the console as it is printed
        assertThat(page.locator("#console-lines")).containsText("Stopping Neo4j",
                new LocatorAssertions.ContainsTextOptions().setTimeout(Duration.ofMinutes(5).toMillis()));
        screenshot(page, "rolling-journey-running");
        assertThat(page.locator("#run-status")).hasText(Pattern.compile("SUCCEEDED|FAILED|INTERRUPTED|ABORTED"),
                new LocatorAssertions.HasTextOptions().setTimeout(RUN_LIMIT.toMillis()));
        Duration wall = Duration.between(started, Instant.now());
        long fewest = fewestCores.stop();
        screenshot(page, "rolling-journey-done");
        Api.Response done = dba.get("/api/runs/" + runId);
        assertThat(done.<String>read("$.status")).as(done.body()).isEqualTo("SUCCEEDED");
        assertThat(page.locator("#run-status")).hasText("SUCCEEDED");

        // the page was never reloaded, its membership table saw every member leave and come back on 3.4.6, and
        // every member runs 3.4.6 with the data written before
        everyMemberUpgraded(cluster, table, "3.4.6", "before the upgrade", 100);
        assertThat(fewest).as("fewest cores the monitor saw during the run").isGreaterThanOrEqualTo(2);
        assertThat(auditChain.verify().intact()).isTrue();

        // now on 3.4.6, going back is no upgrade: every method is refused, and the refusal says what a rollback is
        Api.Response back = dba.get("/api/clusters/" + clusterId + "/upgrade-options?targetVersion=3.4.5");
        assertThat(back.<List<Boolean>>read("$.methods[*].allowed")).as(back.body()).containsOnly(false);
        assertThat(back.body()).containsIgnoringCase("downgrade").containsIgnoringCase("rollback");

        // the webhook receiver heard the run start and finish, without a secret; the cluster page lists the deliveries
        await("webhook run.finished").atMost(Duration.ofSeconds(30)).until(() -> receiver.bodies().stream()
                .anyMatch(d -> d.contains("run.finished")));
        assertThat(receiver.bodies()).anyMatch(d -> d.contains("\"run.started\"") && d.contains("\"runId\":" + runId));
        assertThat(receiver.bodies()).anyMatch(d -> d.contains("\"run.finished\"") && d.contains("SUCCEEDED"));
        assertThat(String.join("\n", receiver.bodies())).doesNotContain(OPERATOR_PASSWORD, ADMIN_PASSWORD, "PRIVATE KEY",
                "dbms.mode", "Stopping Neo4j");
        page.navigate("/clusters/" + clusterId);
        assertThat(page.locator("#webhook-deliveries")).containsText("run.finished");
        report(done, wall);
    }

    @Test
    @Order(2)
    @DisplayName("AUDITOR reviews the completed run: steps, actors, output, reports and the audit CSV")
    void leadReviewsTheRun() throws Exception {
        assumeTrue(runId != null, "the DBA's run exists");
        Api api = new Api(baseUrl(), "rolling-lead", LEAD_PASSWORD);
        List<String> keys = api.get("/api/runs/" + runId).read("$.steps[*].key");
        login(page, "rolling-lead", LEAD_PASSWORD);

        page.navigate("/runs");
        page.selectOption("#runs-filter #clusterId", String.valueOf(clusterId));
        page.click("#runs-filter button[type=submit]");
        assertThat(page.locator("#runs-table tbody tr")).hasCount(1);
        assertThat(page.locator("#run-row-" + runId)).containsText("SUCCEEDED");
        page.click("#review-" + runId);
        page.waitForURL("**/runs/" + runId + "/review");

        Locator records = page.locator("#steps-timeline tbody tr");
        assertThat(records).hasCount(keys.size());
        for (String key : new LinkedHashSet<>(keys)) {
            assertThat(page.locator("#steps-timeline")).containsText(key);
        }
        // every step that ran names who acted (the operator who started the auto run) and keeps its output
        Locator ran = records.filter(new Locator.FilterOptions().setHasText("SUCCEEDED"));
        assertThat(ran.first()).containsText("rolling-dba");
        assertThat(records.filter(new Locator.FilterOptions().setHasText("SRV_STOP")).locator("details.step-output"))
                .hasCount(4);
        Locator firstStop = records.filter(new Locator.FilterOptions().setHasText("SRV_STOP")).first();
        firstStop.locator("details.step-output summary").click();
        assertThat(firstStop.locator("details.step-output pre")).containsText("Stopping Neo4j");
        assertThat(page.locator("#timeline-section svg.timeline-svg")).isVisible();
        screenshot(page, "lead-review");

        String html = context.request().get("/runs/" + runId + "/report.html").text();
        Download md = page.waitForDownload(() -> page.click("#report-md"));
        String markdown = Files.readString(md.path());
        for (String key : keys) {
            assertThat(html).as("HTML report").contains(key);
            assertThat(markdown).as("Markdown report").contains(key);
        }

        page.navigate("/audit?targetType=run&targetId=" + runId);
        Download csv = page.waitForDownload(() -> page.click("a:has-text('Export CSV')"));
        String events = Files.readString(csv.path());
        assertThat(events).contains("run.planned", "run.started", "run.succeeded", "rolling-dba");
    }

    @Test
    @Order(3)
    @DisplayName("OPERATOR takes the same cluster 3.4.6 → 3.4.7 in manual mode: runs each step's commands, confirms; a skipped install is caught")
    void manualRunOnTheSameCluster() throws IOException {
        assumeTrue(runId != null, "the auto run left the cluster on 3.4.6");
        try {
            manualJourney();
        } catch (AssertionError | RuntimeException e) {
            screenshot(page, "manual-journey-failure");
            throw e;
        }
    }

    /** Issue 6's manual journey, and issue 5's acceptance 6: the test is the operator; the panel verifies. */
    private void manualJourney() throws IOException {
        LabCluster cluster = labManager.find(labId).orElseThrow();
        Instant staging = Instant.now();
        ManualOperator.stageTarball(labManager, cluster, MANUAL_TARGET);
        System.out.printf("[run-measure] staging Neo4j %s on every host took %d s%n", MANUAL_TARGET,
                Duration.between(staging, Instant.now()).toSeconds());
        Probes.write(bolt, LabLeader.of(bolt, cluster), 50, "before the manual run");

        login(page, "rolling-dba", OPERATOR_PASSWORD);
        page.navigate("/clusters/" + clusterId);
        RunWizard wizard = new RunWizard(page);
        Long manualRunId = wizard.plan(MANUAL_TARGET, "manual");
        // the plan starts from where the auto run installed 3.4.6: the registry followed the servers there
        assertThat(page.locator("#stepper [data-key=SRV_STOP]").first()).containsText("neo4j-enterprise-3.4.6/bin/neo4j stop");
        wizard.acceptConfAndPreflight();
        approveAsLead(manualRunId);
        page.navigate("/runs/" + manualRunId);

        // start, then play the operator: no reload from here on
        MembershipRecorder table = MembershipRecorder.start(page);
        FewestCores fewestCores = new FewestCores(membership, clusterId);
        Instant started = Instant.now();
        new RunWizard(page).start();
        Api dba = new Api(baseUrl(), "rolling-dba", OPERATOR_PASSWORD);
        ManualOperator operator = new ManualOperator(page, dba, manualRunId, cluster, ssh, bolt);
        ManualOperator.WaitingStep skipped = null;
        for (ManualOperator.WaitingStep step = operator.next(STEP_LIMIT); step != null; step = operator.next(STEP_LIMIT)) {
            if (skipped == null && step.key().equals("SRV_INSTALL")) {
                // deliberately: confirmed without unpacking the new version; the panel's own check must catch it
                skipped = step;
                operator.confirm(step, "installed (it was not: the tarball was never unpacked)");
                Locator caught = operator.awaitVerdict(step, 1, "FAILED");
                assertThat(caught.locator(".diagnosis")).containsText("Neo4j " + MANUAL_TARGET + " is not installed");
                assertThat(page.locator("#run-status")).hasText("FAILED");
                screenshot(page, "manual-journey-caught");
                operator.does(step);
                operator.confirm(step, "unpacked it now, after the panel's check failed");
                operator.awaitVerdict(step, 2, "SUCCEEDED");
                continue;
            }
            operator.does(step);
            operator.confirm(step, "ran the commands shown");
            operator.awaitVerdict(step, 1, "SUCCEEDED");
        }
        Duration wall = Duration.between(started, Instant.now());
        long fewest = fewestCores.stop();
        screenshot(page, "manual-journey-done");
        Api.Response done = dba.get("/api/runs/" + manualRunId);
        assertThat(done.<String>read("$.status")).as(done.body()).isEqualTo("SUCCEEDED");
        assertThat(page.locator("#run-status")).hasText("SUCCEEDED");
        assertThat(skipped).as("the run had an install to skip").isNotNull();
        assertThat(operator.stepNow(skipped).get("notes").toString()).contains("Confirmed by rolling-dba: unpacked it now");

        everyMemberUpgraded(cluster, table, MANUAL_TARGET, "before the manual run", 50);
        assertThat(fewest).as("fewest cores the monitor saw during the manual run").isGreaterThanOrEqualTo(2);

        // the audit log names the operator on every confirmation, the note included
        page.navigate("/audit?action=step.confirmed&actor=rolling-dba");
        assertThat(page.locator("#audit-table tbody tr")).hasCount(operator.confirmations());
        assertThat(page.locator("#audit-table")).containsText("unpacked it now");
        screenshot(page, "manual-journey-audit");
        assertThat(auditChain.verify().intact()).isTrue();
        System.out.printf("[run-measure] manual run: %d confirmations by the test as the operator%n", operator.confirmations());
        report(done, wall);
    }
}
