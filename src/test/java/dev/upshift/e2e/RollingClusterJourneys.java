package dev.upshift.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Page;

import dev.upshift.audit.AuditChainVerifier;
import dev.upshift.it.Api;
import dev.upshift.it.Probes;
import dev.upshift.it.StepTimes;
import dev.upshift.it.WebhookReceiver;
import dev.upshift.lab.LabCluster;
import dev.upshift.lab.LabClusterManager;
import dev.upshift.lab.LabMember;
import dev.upshift.monitor.MembershipView;
import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.BoltGateway;
import dev.upshift.remote.SshGateway;

/**
 * What the journeys on one rolling practice cluster share: its people (an operator and a lead), the cluster and run
 * they carry from one journey to the next, the webhook receiver, and what an admin, a lead and the evidence do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RollingClusterJourneys extends JourneySupport {

    static final String OPERATOR_PASSWORD = "rolling-Passw0rd-e2e";
    static final String LEAD_PASSWORD = "review-Passw0rd-e2e";
    static final Duration RUN_LIMIT = Duration.ofMinutes(25);
    /** The manual run's target: the next patch release after the auto run's, served by the lab from Maven Central. */
    static final String MANUAL_TARGET = "3.4.7";
    /** How long one step may take to come up for the operator (a health gate or a verification runs before). */
    static final Duration STEP_LIMIT = Duration.ofMinutes(4);

    @Autowired LabClusterManager labManager;
    @Autowired MembershipView membership;
    @Autowired BoltGateway bolt;
    @Autowired AuditChainVerifier auditChain;
    @Autowired SshGateway ssh;

    String labId;
    Long clusterId;
    Long runId;
    final WebhookReceiver receiver = new WebhookReceiver();

    @BeforeAll
    void operator() {
        createUser("rolling-dba", OPERATOR_PASSWORD, "OPERATOR");
        createUser("rolling-lead", LEAD_PASSWORD, "AUDITOR");
    }

    @AfterAll
    void tearDown() {
        receiver.close();
        if (labId != null) lab.delete(labId);
    }

    /** The ADMIN sets the cluster to require approval and to notify the receiver, on the cluster's edit form. */
    void requireApprovalAndNotify(Long clusterId) {
        as("admin", ADMIN_PASSWORD, admin -> {
            admin.navigate("/clusters/" + clusterId + "/edit");
            admin.check("input[type=checkbox][name=requiresApproval]");
            admin.fill("input[name=webhookUrl]", receiver.url());
            admin.click("#save-cluster");
            admin.waitForURL(Pattern.compile(".*/clusters/" + clusterId + "$"), new Page.WaitForURLOptions().setTimeout(120_000));
            assertThat(admin.locator("#requires-approval")).containsText("Requires approval");
        });
    }

    /** A team lead approves the plan on the run page. */
    void approveAsLead(Long runId) {
        as("rolling-lead", LEAD_PASSWORD, lead -> {
            lead.navigate("/runs/" + runId);
            lead.click("#approve-plan");
            assertThat(lead.locator("#approval-valid")).isVisible();
            screenshot(lead, "lead-approves");
        });
    }

    /** The browser's table saw each member leave and return on {@code version}; each runs it and holds the probes. */
    void everyMemberUpgraded(LabCluster cluster, MembershipRecorder table, String version, String written, long probes) {
        assertThat(table.pageNeverReloaded()).isTrue();
        for (LabMember m : cluster.members()) {
            assertThat(table.sawLeaveThenReturnOn(m.address(), version))
                    .as("the table showed " + m.address() + " leave, then back on " + version).isTrue();
            BoltEndpoint member = BoltEndpoint.unauthenticated(m.bolt());
            assertThat(bolt.components(member).get(0).version()).as(m.address()).isEqualTo(version);
            Probes.awaitOn(bolt, member, written, probes);
        }
    }

    /** The members' own stop and start-to-joined times against the run's wall time (goal: ratio ≤ 1.10). */
    static void report(Api.Response done, Duration wall) {
        List<StepTimes.Step> steps = StepTimes.of(done);
        StepTimes.print("[run-measure]", steps);
        Duration memberTime = StepTimes.rollingOwn(steps);
        System.out.printf("[run-measure] run wall time %d s; members' own stop + start-to-joined %d s; ratio %.2f%n",
                wall.toSeconds(), memberTime.toSeconds(), wall.toMillis() / (double) Math.max(1, memberTime.toMillis()));
    }
}
