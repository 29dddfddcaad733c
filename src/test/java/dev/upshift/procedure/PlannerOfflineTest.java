package dev.upshift.procedure;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.upshift.procedure.StepKey.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

class PlannerOfflineTest {

    private static final String H = "/opt/neo4j-3.3.5";
    private static final String N = "/opt/neo4j-3.4.6";
    private static final String B = "/var/backups/neo4j/upshift-3.3.5-to-3.4.6";

    private final Planner planner = Planner.standard();

    private Plan tarballPlan() {
        List<ServerSpec> servers = Clusters.tarball(H);
        return planner.plan(PlanRequest.of(servers, "3.3.5", "3.4.6", Method.OFFLINE, Clusters.tarballs(servers, N)));
    }

    @Test
    @DisplayName("3 cores + 1 RR: every key of section 3, in order, for the right servers (seed = first core by address)")
    void everyKeyInOrder() {
        Plan plan = tarballPlan();

        assertThat(plan.seedServer()).isEqualTo("core-1");
        assertThat(plan.expectedStoreFormat()).isEqualTo("StandardV3_4[v0.A.9]");
        assertThat(plan.acknowledgements()).containsExactly("no-downgrade");
        assertThat(plan.steps()).extracting(PlannedStep::key, PlannedStep::server).containsExactly(
                tuple(PRE_PLANNING, null),
                tuple(PRE_BACKUP_CONF, "core-1"), tuple(PRE_BACKUP_CONF, "core-3"),
                tuple(PRE_BACKUP_CONF, "core-2"), tuple(PRE_BACKUP_CONF, "rr-1"),
                tuple(PRE_BACKUP_DBMS, "core-1"), tuple(PRE_BACKUP_DBMS, "core-3"),
                tuple(PRE_BACKUP_DBMS, "core-2"), tuple(PRE_BACKUP_DBMS, "rr-1"),
                tuple(PRE_VERIFY_FULL_BACKUP, null),
                tuple(PRE_PREPARE_CONF, "core-1"), tuple(PRE_PREPARE_CONF, "core-3"),
                tuple(PRE_PREPARE_CONF, "core-2"), tuple(PRE_PREPARE_CONF, "rr-1"),
                tuple(OFF_STOP_ALL, null),
                tuple(OFF_SEED_MODE_SINGLE, "core-1"), tuple(OFF_SEED_INSTALL, "core-1"),
                tuple(OFF_SEED_START_UPGRADE, "core-1"), tuple(OFF_SEED_RESET_CONF, "core-1"),
                tuple(OFF_SEED_DUMP, "core-1"), tuple(OFF_SEED_UNBIND, "core-1"),
                tuple(OFF_CORE_DELETE_DB, "core-3"), tuple(OFF_CORE_INSTALL, "core-3"), tuple(OFF_CORE_MOVE_DBMS, "core-3"),
                tuple(OFF_CORE_UNBIND, "core-3"), tuple(OFF_CORE_LOAD, "core-3"),
                tuple(OFF_CORE_DELETE_DB, "core-2"), tuple(OFF_CORE_INSTALL, "core-2"), tuple(OFF_CORE_MOVE_DBMS, "core-2"),
                tuple(OFF_CORE_UNBIND, "core-2"), tuple(OFF_CORE_LOAD, "core-2"),
                tuple(OFF_START_CORES, null),
                tuple(OFF_RR_STOP, "rr-1"), tuple(OFF_RR_DELETE_DB, "rr-1"), tuple(OFF_RR_INSTALL, "rr-1"),
                tuple(OFF_RR_MOVE_DBMS, "rr-1"), tuple(OFF_RR_LOAD, "rr-1"), tuple(OFF_RR_START, "rr-1"),
                tuple(POST_FULL_BACKUP, null));
        assertThat(plan.phases()).extracting(PlanPhase::kind).containsExactly(PhaseKind.PRE_UPGRADE, PhaseKind.SHUTDOWN,
                PhaseKind.SEED_CORE, PhaseKind.OTHER_CORE, PhaseKind.OTHER_CORE, PhaseKind.START_CORES,
                PhaseKind.READ_REPLICA, PhaseKind.POST_UPGRADE);
        assertThat(plan.steps()).noneMatch(PlannedStep::isSkipped);
        assertThat(plan.confs()).extracting(ConfToPrepare::server, ConfToPrepare::variant, ConfToPrepare::role).containsExactly(
                tuple("core-1", ConfVariant.SEED_UPGRADE, ServerRole.FOLLOWER), tuple("core-1", ConfVariant.FINAL, ServerRole.FOLLOWER),
                tuple("core-3", ConfVariant.FINAL, ServerRole.FOLLOWER), tuple("core-2", ConfVariant.FINAL, ServerRole.LEADER),
                tuple("rr-1", ConfVariant.FINAL, ServerRole.READ_REPLICA));
    }

    @Test
    void seedCoreCommandsOnATarball() {
        Plan plan = tarballPlan();
        assertThat(plan.stepsOf("core-1")).filteredOn(s -> s.key().name().startsWith("OFF_"))
                .extracting(PlannedStep::key, PlannedStep::commandLines).containsExactly(
                tuple(OFF_SEED_MODE_SINGLE, List.of(
                        "put the prepared neo4j.conf (seed-upgrade) for core-1 at /tmp/upshift/neo4j.conf.seed-upgrade")),
                tuple(OFF_SEED_INSTALL, List.of(
                        "mkdir -p " + N,
                        "tar -xzf /tmp/neo4j-enterprise-3.4.6-unix.tar.gz -C " + N + " --strip-components=1",
                        "cp /tmp/upshift/neo4j.conf.seed-upgrade " + N + "/conf/neo4j.conf",
                        "mkdir -p " + N + "/data",
                        "cp -a " + H + "/data/. " + N + "/data/")),
                tuple(OFF_SEED_START_UPGRADE, List.of(N + "/bin/neo4j start")),
                tuple(OFF_SEED_RESET_CONF, List.of(
                        N + "/bin/neo4j stop",
                        "put the prepared neo4j.conf (final) for core-1 at /tmp/upshift/neo4j.conf.final",
                        "cp /tmp/upshift/neo4j.conf.final " + N + "/conf/neo4j.conf")),
                tuple(OFF_SEED_DUMP, List.of(
                        "mkdir -p " + B,
                        "rm -f " + B + "/graph.db.dump",
                        N + "/bin/neo4j-admin dump --database=graph.db --to=" + B + "/graph.db.dump",
                        "sha256sum " + B + "/graph.db.dump")),
                tuple(OFF_SEED_UNBIND, List.of(N + "/bin/neo4j-admin unbind")));
        PlannedStep start = plan.stepsOf("core-1").stream().filter(s -> s.key() == OFF_SEED_START_UPGRADE).findFirst().orElseThrow();
        assertThat(start.verification().kind()).isEqualTo(Verification.Kind.STORE_UPGRADED);
        assertThat(start.retrySafe()).isFalse();
    }

    @Test
    void otherCoreAndReadReplicaCommandsOnATarball() {
        Plan plan = tarballPlan();
        assertThat(plan.stepsOf("core-3")).filteredOn(s -> s.key().name().startsWith("OFF_"))
                .extracting(PlannedStep::key, PlannedStep::commandLines).containsExactly(
                tuple(OFF_CORE_DELETE_DB, List.of("rm -rf " + H + "/data/databases/graph.db")),
                tuple(OFF_CORE_INSTALL, List.of(
                        "mkdir -p " + N,
                        "tar -xzf /tmp/neo4j-enterprise-3.4.6-unix.tar.gz -C " + N + " --strip-components=1",
                        "put the prepared neo4j.conf (final) for core-3 at /tmp/upshift/neo4j.conf.final",
                        "cp /tmp/upshift/neo4j.conf.final " + N + "/conf/neo4j.conf")),
                tuple(OFF_CORE_MOVE_DBMS, List.of("mkdir -p " + N + "/data", "tar -xzf " + B + "/dbms.tar.gz -C " + N + "/data")),
                tuple(OFF_CORE_UNBIND, List.of("if [ -d " + N + "/data/cluster-state ]; then " + N + "/bin/neo4j-admin unbind"
                        + "; else echo 'No cluster state in " + N + "/data/cluster-state: nothing to unbind (a fresh installation)'; fi")),
                tuple(OFF_CORE_LOAD, List.of(
                        "copy core-1:" + B + "/graph.db.dump to core-3:/tmp/upshift/graph.db.dump",
                        "sha256sum /tmp/upshift/graph.db.dump",
                        N + "/bin/neo4j-admin load --from=/tmp/upshift/graph.db.dump --database=graph.db --force")));
        assertThat(plan.stepsOf("rr-1")).filteredOn(s -> s.key() == OFF_RR_STOP || s.key() == OFF_RR_START)
                .extracting(PlannedStep::commandLines).containsExactly(
                List.of(H + "/bin/neo4j stop"),
                List.of(N + "/bin/neo4j start", "CALL dbms.cluster.overview()", "CALL dbms.components()"));
        PlannedStep stopAll = plan.steps().stream().filter(s -> s.key() == OFF_STOP_ALL).findFirst().orElseThrow();
        assertThat(stopAll.commands()).extracting(Command::server).containsExactly("rr-1", "core-1", "core-3", "core-2");
        PlannedStep startCores = plan.steps().stream().filter(s -> s.key() == OFF_START_CORES).findFirst().orElseThrow();
        assertThat(startCores.commands()).extracting(Command::server, Command::display).containsExactly(
                tuple("core-1", N + "/bin/neo4j start"), tuple("core-3", N + "/bin/neo4j start"),
                tuple("core-2", N + "/bin/neo4j start"),
                tuple("core-1", "CALL dbms.cluster.overview()"), tuple("core-1", "CALL dbms.components()"));
    }

    @Test
    void debianSeedPutsTheUpgradeConfInPlaceBeforeInstallingAndRunsAdminAsNeo4j() {
        List<ServerSpec> servers = Clusters.packaged(InstallType.DEB);
        Plan plan = planner.plan(PlanRequest.of(servers, "3.3.5", "3.4.6", Method.OFFLINE, Map.of()));
        String b = "/var/backups/neo4j/upshift-3.3.5-to-3.4.6";
        assertThat(plan.stepsOf("core-1")).filteredOn(s -> s.key().name().startsWith("OFF_SEED"))
                .extracting(PlannedStep::key, PlannedStep::commandLines).containsExactly(
                tuple(OFF_SEED_MODE_SINGLE, List.of(
                        "put the prepared neo4j.conf (seed-upgrade) for core-1 at /tmp/upshift/neo4j.conf.seed-upgrade",
                        "sudo cp /tmp/upshift/neo4j.conf.seed-upgrade /etc/neo4j/neo4j.conf")),
                tuple(OFF_SEED_INSTALL, List.of(
                        "sudo apt-get install -y -o Dpkg::Options::=--force-confold neo4j-enterprise=1:3.4.6")),
                tuple(OFF_SEED_START_UPGRADE, List.of("sudo systemctl start neo4j")),
                tuple(OFF_SEED_RESET_CONF, List.of("sudo systemctl stop neo4j",
                        "put the prepared neo4j.conf (final) for core-1 at /tmp/upshift/neo4j.conf.final",
                        "sudo cp /tmp/upshift/neo4j.conf.final /etc/neo4j/neo4j.conf")),
                tuple(OFF_SEED_DUMP, List.of(
                        "sudo install -d -o neo4j -g neo4j " + b,
                        "sudo rm -f " + b + "/graph.db.dump",
                        "sudo -u neo4j neo4j-admin dump --database=graph.db --to=" + b + "/graph.db.dump",
                        "sudo sha256sum " + b + "/graph.db.dump")),
                tuple(OFF_SEED_UNBIND, List.of("sudo -u neo4j neo4j-admin unbind")));
        // The package keeps /var/lib/neo4j/data: data/dbms is already where the new version reads it.
        assertThat(plan.stepsOf("core-2")).filteredOn(s -> s.key() == OFF_CORE_MOVE_DBMS)
                .extracting(s -> s.skip().code()).containsExactly("DATA_IN_PLACE");
        assertThat(plan.stepsOf("core-2")).filteredOn(s -> s.key() == OFF_CORE_DELETE_DB)
                .extracting(PlannedStep::commandLines).containsExactly(List.of("sudo rm -rf /var/lib/neo4j/data/databases/graph.db"));
    }

    @Test
    void readReplicaCanSkipTheLoadAndMakeAFullStoreCopy() {
        List<ServerSpec> servers = Clusters.tarball(H);
        Plan plan = planner.plan(PlanRequest.of(servers, "3.3.5", "3.4.6", Method.OFFLINE, Clusters.tarballs(servers, N))
                .withRrSeeding(RrSeeding.STORE_COPY));
        PlannedStep load = plan.stepsOf("rr-1").stream().filter(s -> s.key() == OFF_RR_LOAD).findFirst().orElseThrow();
        assertThat(load.isSkipped()).isTrue();
        assertThat(load.skip().code()).isEqualTo("STORE_COPY");
        assertThat(load.commands()).isEmpty();
    }

    @Test
    void nonNativeAuthSkipsEveryDbmsStepWithItsReason() {
        List<ServerSpec> servers = Clusters.tarball(H).stream().map(s -> s.withNativeAuth(false)).toList();
        Plan plan = planner.plan(PlanRequest.of(servers, "3.3.5", "3.4.6", Method.OFFLINE, Clusters.tarballs(servers, N)));
        assertThat(plan.steps()).filteredOn(PlannedStep::isSkipped).extracting(PlannedStep::key, s -> s.skip().code())
                .containsExactly(
                        tuple(PRE_BACKUP_DBMS, "AUTH_NOT_NATIVE"), tuple(PRE_BACKUP_DBMS, "AUTH_NOT_NATIVE"),
                        tuple(PRE_BACKUP_DBMS, "AUTH_NOT_NATIVE"), tuple(PRE_BACKUP_DBMS, "AUTH_NOT_NATIVE"),
                        tuple(OFF_CORE_MOVE_DBMS, "AUTH_NOT_NATIVE"), tuple(OFF_CORE_MOVE_DBMS, "AUTH_NOT_NATIVE"),
                        tuple(OFF_RR_MOVE_DBMS, "AUTH_NOT_NATIVE"));
    }

    @Test
    void theSeedCanBeChosenButMustBeACore() {
        List<ServerSpec> servers = Clusters.tarball(H);
        PlanRequest request = PlanRequest.of(servers, "3.3.5", "3.4.6", Method.OFFLINE, Clusters.tarballs(servers, N));
        Plan plan = planner.plan(request.withSeed("core-3"));
        assertThat(plan.seedServer()).isEqualTo("core-3");
        assertThat(plan.phases()).extracting(PlanPhase::kind, PlanPhase::server).containsSubsequence(
                tuple(PhaseKind.SEED_CORE, "core-3"), tuple(PhaseKind.OTHER_CORE, "core-1"), tuple(PhaseKind.OTHER_CORE, "core-2"));
        assertThatThrownBy(() -> planner.plan(request.withSeed("rr-1")))
                .isInstanceOfSatisfying(PlanRefusedException.class, e -> assertThat(e.code()).isEqualTo(RefusalCode.INVALID_SEED));
    }

    @Test
    void theFullBackupsRunOnTheSeedAndTheAfterOneNeedsAnEmptyDirectory() {
        Plan plan = tarballPlan();
        PlannedStep post = plan.steps().get(plan.steps().size() - 1);
        assertThat(post.key()).isEqualTo(POST_FULL_BACKUP);
        assertThat(post.commandLines()).containsExactly(
                "test ! -e " + B + "/post-upgrade-full-backup || [ -z \"$(ls -A " + B + "/post-upgrade-full-backup)\" ]",
                "mkdir -p " + B + "/post-upgrade-full-backup",
                N + "/bin/neo4j-admin backup --from=10.0.0.11:6362 --backup-dir=" + B
                        + "/post-upgrade-full-backup --name=graph.db --check-consistency=true");
        assertThat(post.retrySafe()).isFalse();
    }
}
