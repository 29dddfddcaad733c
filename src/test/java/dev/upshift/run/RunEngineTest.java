package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.upshift.procedure.InstallDetails;
import dev.upshift.procedure.Method;
import dev.upshift.procedure.Neo4jVersion;
import dev.upshift.procedure.ServerRole;
import dev.upshift.procedure.ServerSpec;
import dev.upshift.procedure.StepKey;

/**
 * The engine end to end on a simulated cluster ({@link FakeCluster} behind the SSH, Bolt, monitor and target
 * interfaces): real database, transitions, audit, worker threads and health gates; only the servers are fake.
 */
@SpringBootTest
@WithMockUser(username = "operator1", roles = "OPERATOR")
class RunEngineTest {

    static final String A = "10.0.0.1", B = "10.0.0.2", C = "10.0.0.3";
    static final AtomicLong CLUSTER_IDS = new AtomicLong(100);

    @TestConfiguration
    static class Fakes {
        @Bean
        @Primary
        FakeCluster fakeCluster() {
            return new FakeCluster();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        Path dir = Path.of("target", "run-engine-test-" + System.nanoTime()).toAbsolutePath();
        r.add("spring.datasource.url", () -> "jdbc:h2:mem:run-engine-test;DB_CLOSE_DELAY=-1");
        r.add("upshift.data-dir", dir::toString);
        r.add("upshift.lab.root", () -> dir.resolve("lab").toString());
        r.add("upshift.admin-password", () -> "Test-admin-pass-1234");
        r.add("upshift.run.gate-timeout", () -> "2s");
        r.add("upshift.run.verify-timeout", () -> "2s");
        r.add("upshift.run.gate-poll", () -> "10ms");
    }

    @Autowired FakeCluster cluster;
    @Autowired RunPlanning planning;
    @Autowired RunEngine engine;
    @Autowired RunQueries queries;
    @Autowired RunTransitions transitions;
    @Autowired RunRecovery recovery;
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

    Long clusterId;

    @BeforeEach
    void healthyCluster() {
        cluster.reset();
        cluster.core(A, "FOLLOWER", "3.4.5").core(B, "FOLLOWER", "3.4.5").core(C, "LEADER", "3.4.5");
        clusterId = CLUSTER_IDS.incrementAndGet();
    }

    private RunView plan() {
        return plan(RunMode.AUTO);
    }

    private RunView plan(RunMode mode) {
        List<ServerSpec> specs = new ArrayList<>();
        Map<String, InstallDetails> install = new java.util.LinkedHashMap<>();
        for (String host : List.of(A, B, C)) {
            String base = "/srv/" + host;
            specs.add(ServerSpec.tarball(host, host, "LEADER".equals(cluster.roles.get(host)) ? ServerRole.LEADER : ServerRole.FOLLOWER,
                    base + "/neo4j-enterprise-3.4.5").withNativeAuth(false).withBackupDir(base + "/backups"));
            install.put(host, InstallDetails.tarball("/srv/dist/neo4j-enterprise-3.4.6-unix.tar.gz", base + "/neo4j-enterprise-3.4.6"));
        }
        return planning.createPlanned(clusterId, "fake-" + clusterId, specs, install, Neo4jVersion.parse("3.4.5"),
                Neo4jVersion.parse("3.4.6"), Method.ROLLING_FIXED, mode, null);
    }

    private RunView awaitStatus(Long runId, RunStatus status) {
        return await().pollInSameThread().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> queries.get(runId), r -> {
                    if (r.status() != status && (r.status() == RunStatus.SUCCEEDED || r.status() == RunStatus.FAILED)) {
                        throw new AssertionError("run ended " + r.status() + " instead of " + status + ": " + r.statusReason());
                    }
                    return r.status() == status;
                });
    }

    private static RunView.StepView step(RunView run, StepKey key, String server) {
        return run.steps().stream().filter(s -> s.key().equals(key.name()) && java.util.Objects.equals(server, s.server()))
                .findFirst().orElseThrow();
    }

    @Test
    @DisplayName("rolling 3.4.5 → 3.4.6 completes: followers first, the leader last, never below 2 cores, audited")
    void rollingUpgradeCompletes() {
        RunView planned = plan();
        assertThat(planned.status()).isEqualTo(RunStatus.PLANNED);
        assertThat(planned.requiredAcknowledgements()).containsExactly("no-downgrade", "write-load");

        engine.start(planned.id(), List.of("no-downgrade", "write-load"));
        RunView done = awaitStatus(planned.id(), RunStatus.SUCCEEDED);

        assertThat(cluster.versionsNow()).containsValues("3.4.6", "3.4.6", "3.4.6");
        assertThat(cluster.stopOrder()).containsExactly(A, B, C);
        assertThat(cluster.minCoresPresent).isEqualTo(2);
        assertThat(cluster.execs).as("plan commands run as shown, not wrapped in sudo again").isNotEmpty()
                .noneMatch(FakeCluster.Exec::wrapped);
        assertThat(done.steps()).allMatch(s -> s.status() == StepStatus.SUCCEEDED || s.status() == StepStatus.SKIPPED);
        assertThat(step(done, StepKey.PRE_BACKUP_CONF, A).notes()).contains("SHA-256");
        assertThat(cluster.uploads).containsKey(A + ":/tmp/upshift/run-" + planned.id() + "/neo4j.conf.final");
        assertThat(queries.output(planned.id(), step(done, StepKey.SRV_START, B).id(), 0))
                .extracting(OutputLineView::text).anyMatch(t -> t.contains("Started neo4j"));
        List<String> actions = jdbc.queryForList("select action from audit_event where target_type = 'run' and target_id = ? order by id",
                String.class, String.valueOf(planned.id()));
        assertThat(actions).contains("run.planned", "run.started", "run.succeeded");
    }

    @Test
    @DisplayName("leadership moves mid-run: the new leader is upgraded last")
    void leaderIsRecheckedBeforeEachServer() {
        // when A comes back on 3.4.6, B wins an election: B must now wait until C is done
        cluster.after(A, "neo4j-enterprise-3.4.6/bin/neo4j start", () -> {
            cluster.roles.put(C, "FOLLOWER");
            cluster.roles.put(B, "LEADER");
        });
        RunView planned = plan();
        engine.start(planned.id(), List.of("no-downgrade", "write-load"));
        RunView done = awaitStatus(planned.id(), RunStatus.SUCCEEDED);

        assertThat(cluster.stopOrder()).containsExactly(A, C, B);
        assertThat(done.steps().stream().filter(s -> s.key().equals("SRV_STOP")).map(RunView.StepView::server))
                .as("the stored order follows what ran").containsExactly(A, C, B);
    }

    @Test
    @DisplayName("a failed step halts the run with a diagnosis; nothing after it runs; retry completes it")
    void failedStepHaltsThenRetry() {
        cluster.fail(B, "neo4j-enterprise-3.4.6/bin/neo4j start", 1);
        RunView planned = plan();
        engine.start(planned.id(), List.of("no-downgrade", "write-load"));
        RunView failed = awaitStatus(planned.id(), RunStatus.FAILED);

        RunView.StepView start = step(failed, StepKey.SRV_START, B);
        assertThat(start.status()).isEqualTo(StepStatus.FAILED);
        assertThat(failed.activeStepId()).isEqualTo(start.id());
        assertThat(start.exitCode()).isEqualTo(1);
        assertThat(start.diagnosis()).contains("Exit code: 1").contains("simulated failure")
                .contains("debug.log on " + B).contains("simulated log line on " + B).contains("neo4j.log on " + B);
        assertThat(step(failed, StepKey.SRV_VERIFY_JOINED, B).status()).isEqualTo(StepStatus.PENDING);
        assertThat(cluster.commandsOn(C)).noneMatch(c -> c.endsWith("bin/neo4j stop"));
        assertThatThrownBy(() -> engine.resume(planned.id())).isInstanceOf(RunConflictException.class);

        cluster.heal();
        engine.retry(planned.id(), start.id(), false);
        RunView done = awaitStatus(planned.id(), RunStatus.SUCCEEDED);
        assertThat(step(done, StepKey.SRV_START, B).attempts()).isEqualTo(2);
        assertThat(cluster.versionsNow()).containsValues("3.4.6", "3.4.6", "3.4.6");
    }

    @Test
    @DisplayName("a health gate waits with a visible reason and fails at its timeout without stopping anything")
    void gateWaitsThenTimesOut() {
        // B crashes after the pre-upgrade steps: A must not be stopped while B is missing
        cluster.after(C, "neo4j.conf", () -> {});
        cluster.after(C, "cat ", () -> cluster.roles.remove(B));
        RunView planned = plan();
        engine.start(planned.id(), List.of("no-downgrade", "write-load"));

        RunView waiting = await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> queries.get(planned.id()),
                r -> step(r, StepKey.SRV_STOP, A).waitingReason() != null);
        assertThat(step(waiting, StepKey.SRV_STOP, A).waitingReason()).contains(B).contains("not in dbms.cluster.overview()");

        RunView failed = awaitStatus(planned.id(), RunStatus.FAILED);
        assertThat(step(failed, StepKey.SRV_STOP, A).diagnosis()).contains("health gate not met after 2 s");
        assertThat(cluster.stopOrder()).isEmpty();
    }

    @Test
    @DisplayName("abort while a gate waits: nothing is sent, the step is pending again, the cluster is released")
    void abortWhileGateWaits() {
        cluster.after(C, "cat ", () -> cluster.roles.remove(B));
        RunView planned = plan();
        engine.start(planned.id(), List.of("no-downgrade", "write-load"));
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> queries.get(planned.id()),
                r -> step(r, StepKey.SRV_STOP, A).waitingReason() != null);

        engine.abort(planned.id(), "maintenance window over");

        RunView aborted = await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> queries.get(planned.id()),
                r -> step(r, StepKey.SRV_STOP, A).status() == StepStatus.PENDING);
        assertThat(aborted.status()).isEqualTo(RunStatus.ABORTED);
        assertThat(aborted.statusReason()).isEqualTo("maintenance window over");
        assertThat(step(aborted, StepKey.SRV_STOP, A).notes()).contains("nothing was sent");
        assertThat(cluster.stopOrder()).isEmpty();
        RunView second = plan();
        engine.start(second.id(), List.of("no-downgrade", "write-load"));   // the cluster was released
        engine.abort(second.id(), "test over");
    }

    @Test
    @DisplayName("after a crash the run is INTERRUPTED at the step in flight; verify-and-continue completes it")
    void crashRecovery() {
        RunView planned = plan();
        transitions.start(planned.id(), List.of("no-downgrade", "write-load"));
        RunView.StepView first = planned.steps().get(0);
        RunView.StepView second = planned.steps().get(1);
        transitions.beginStep(first.id());
        transitions.commandsStarted(first.id());   // the panel died while PRE_PLANNING's queries ran

        recovery.recover();

        RunView interrupted = queries.get(planned.id());
        assertThat(interrupted.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(interrupted.statusReason()).contains("PRE_PLANNING");
        assertThat(step(interrupted, StepKey.PRE_PLANNING, null).status()).isEqualTo(StepStatus.RUNNING);
        assertThat(interrupted.steps().get(1).id()).isEqualTo(second.id());
        assertThat(interrupted.steps().get(1).status()).as("nothing ran by itself").isEqualTo(StepStatus.PENDING);

        engine.resume(planned.id());
        RunView done = awaitStatus(planned.id(), RunStatus.SUCCEEDED);
        assertThat(step(done, StepKey.PRE_PLANNING, null).notes()).contains("verified after the interruption");
        assertThat(step(done, StepKey.PRE_PLANNING, null).attempts()).isEqualTo(1);
    }

    @Test
    @DisplayName("an interrupted step known only by exit codes is not re-run by itself: it fails and the operator retries")
    void interruptedExitCodeStep() {
        RunView planned = plan();
        transitions.start(planned.id(), List.of("no-downgrade", "write-load"));
        RunView.StepView backup = step(planned, StepKey.PRE_BACKUP_CONF, A);
        for (RunView.StepView s : planned.steps()) {
            if (s.position() >= backup.position()) break;
            transitions.beginStep(s.id());
            transitions.succeedStep(s.id(), 0, null, 0, 0);
        }
        transitions.beginStep(backup.id());
        transitions.commandsStarted(backup.id());
        recovery.recover();

        engine.resume(planned.id());
        RunView failed = awaitStatus(planned.id(), RunStatus.FAILED);
        assertThat(step(failed, StepKey.PRE_BACKUP_CONF, A).diagnosis()).contains("retry it (safe to re-run)");
        assertThat(cluster.commandsOn(A)).as("not re-run by itself").noneMatch(c -> c.startsWith("cp -p"));

        engine.retry(planned.id(), backup.id(), false);
        awaitStatus(planned.id(), RunStatus.SUCCEEDED);
    }

    @Test
    @DisplayName("a step that had sent nothing when the panel stopped goes back to PENDING")
    void unstartedStepIsReset() {
        RunView planned = plan();
        transitions.start(planned.id(), List.of("no-downgrade", "write-load"));
        RunView.StepView first = planned.steps().get(0);
        transitions.beginStep(first.id());
        recovery.recover();
        RunView after = queries.get(planned.id());
        assertThat(after.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(after.steps().get(0).status()).isEqualTo(StepStatus.PENDING);
        assertThat(after.steps().get(0).notes()).contains("before this step sent any command");
        engine.abort(planned.id(), "test over");
        assertThat(queries.get(planned.id()).status()).isEqualTo(RunStatus.ABORTED);
    }

    @Test
    @DisplayName("two simultaneous starts on one cluster: exactly one run starts, the other names it")
    void oneActiveRunPerCluster() throws Exception {
        RunView first = plan();
        RunView second = plan();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        List<Future<Object>> results = new ArrayList<>();
        for (RunView r : List.of(first, second)) {
            results.add(two.submit(() -> {
                go.await();
                try {
                    return transitions.start(r.id(), List.of("no-downgrade", "write-load"));
                } catch (RunConflictException e) {
                    return e;
                }
            }));
        }
        go.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> f : results) outcomes.add(f.get());
        two.shutdown();

        assertThat(outcomes).filteredOn(o -> o instanceof Run).hasSize(1);
        RunConflictException refused = (RunConflictException) outcomes.stream().filter(o -> o instanceof RunConflictException)
                .findFirst().orElseThrow();
        Long started = ((Run) outcomes.stream().filter(o -> o instanceof Run).findFirst().orElseThrow()).getId();
        assertThat(refused.getMessage()).contains("one active run");
        assertThat(refused.activeRunId()).isEqualTo(started);
        engine.abort(started, "test over");
    }

    @Test
    @DisplayName("two clicks on retry act once; skip needs a reason")
    void twoClicksActOnce() throws Exception {
        cluster.fail(A, "tar -xzf", 2);
        RunView planned = plan();
        engine.start(planned.id(), List.of("no-downgrade", "write-load"));
        RunView failed = awaitStatus(planned.id(), RunStatus.FAILED);
        Long install = step(failed, StepKey.SRV_INSTALL, A).id();
        assertThatThrownBy(() -> engine.skip(planned.id(), install, " ")).isInstanceOf(RunRequestException.class);

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        org.springframework.security.core.context.SecurityContext ctx =
                org.springframework.security.core.context.SecurityContextHolder.getContext();
        List<Future<Boolean>> clicks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            clicks.add(two.submit(new org.springframework.security.concurrent.DelegatingSecurityContextCallable<>(() -> {
                go.await();
                try {
                    engine.retry(planned.id(), install, false);
                    return true;
                } catch (RunConflictException e) {
                    return false;
                }
            }, ctx)));
        }
        go.countDown();
        int accepted = 0;
        for (Future<Boolean> f : clicks) accepted += f.get() ? 1 : 0;
        two.shutdown();
        assertThat(accepted).isEqualTo(1);
        RunView again = awaitStatus(planned.id(), RunStatus.FAILED);
        assertThat(step(again, StepKey.SRV_INSTALL, A).attempts()).isEqualTo(2);
        engine.abort(planned.id(), "test over");
    }

    @Test
    @DisplayName("manual mode: the operator runs the commands and confirms; the panel's verification catches a skipped one")
    void manualMode() {
        RunView planned = plan(RunMode.MANUAL);
        engine.start(planned.id(), List.of("no-downgrade", "write-load"));
        boolean forgotten = false;
        while (true) {
            RunView run = await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> queries.get(planned.id()),
                    r -> r.status() != RunStatus.RUNNING || r.steps().stream().anyMatch(x -> RunDriver.AWAITING_OPERATOR.equals(x.waitingReason())));
            if (run.status() == RunStatus.SUCCEEDED) break;
            if (run.status() == RunStatus.FAILED) {
                RunView.StepView failed = run.steps().stream().filter(x -> x.status() == StepStatus.FAILED).findFirst().orElseThrow();
                assertThat(failed.key()).isEqualTo("SRV_STOP");
                assertThat(failed.server()).isEqualTo(B);
                assertThat(failed.diagnosis()).contains(B + " is still listed in dbms.cluster.overview()");
                engine.retry(planned.id(), failed.id(), false);   // the panel runs the stop this time
                continue;
            }
            RunView.StepView waiting = run.steps().stream().filter(x -> RunDriver.AWAITING_OPERATOR.equals(x.waitingReason()))
                    .findFirst().orElseThrow();
            boolean forget = !forgotten && waiting.key().equals("SRV_STOP") && B.equals(waiting.server());
            if (!forget) operatorDoes(waiting);
            forgotten |= forget;
            engine.confirm(planned.id(), waiting.id(), forget ? "done (but it was not)" : "done by hand");
        }
        assertThat(forgotten).isTrue();
        assertThat(cluster.versionsNow()).containsValues("3.4.6", "3.4.6", "3.4.6");
        RunView done = queries.get(planned.id());
        assertThat(step(done, StepKey.SRV_INSTALL, C).notes()).contains("Confirmed by operator1: done by hand");
    }

    /** What an operator would do with the commands the step shows, over their own SSH session. */
    private void operatorDoes(RunView.StepView step) {
        for (StepCommand c : step.commands()) {
            switch (c.type()) {
                case "shell" -> cluster.exec(cluster.ssh(clusterId, c.server()), c.line(), Duration.ofSeconds(5),
                        dev.upshift.remote.OutputListener.NONE);
                case "upload-conf" -> cluster.upload(cluster.ssh(clusterId, c.server()), "conf".getBytes(), c.path());
                default -> { }
            }
        }
    }
}
