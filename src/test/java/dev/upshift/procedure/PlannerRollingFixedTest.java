package dev.upshift.procedure;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.upshift.procedure.Clusters.NEW_HOME;
import static dev.upshift.procedure.Clusters.OLD_HOME;
import static dev.upshift.procedure.StepKey.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

class PlannerRollingFixedTest {

    private final Planner planner = Planner.standard();

    private Plan plan(List<ServerSpec> servers) {
        return planner.plan(PlanRequest.of(servers, "3.4.5", "3.4.6", Method.ROLLING_FIXED, Clusters.tarballs(servers)));
    }

    @Test
    void followersFirstTheLeaderLastTheReadReplicaAfterTheCores() {
        Plan plan = plan(Clusters.tarball());
        assertThat(plan.phases()).extracting(PlanPhase::kind, PlanPhase::server).containsExactly(
                tuple(PhaseKind.PRE_UPGRADE, null),
                tuple(PhaseKind.SERVER, "core-1"), tuple(PhaseKind.SERVER, "core-3"),
                tuple(PhaseKind.SERVER, "core-2"), tuple(PhaseKind.SERVER, "rr-1"),
                tuple(PhaseKind.POST_UPGRADE, null));
        assertThat(plan.keys()).containsExactly(
                PRE_PLANNING,
                PRE_BACKUP_CONF, PRE_BACKUP_CONF, PRE_BACKUP_CONF, PRE_BACKUP_CONF,
                PRE_BACKUP_DBMS, PRE_BACKUP_DBMS, PRE_BACKUP_DBMS, PRE_BACKUP_DBMS,
                PRE_VERIFY_FULL_BACKUP,
                PRE_PREPARE_CONF, PRE_PREPARE_CONF, PRE_PREPARE_CONF, PRE_PREPARE_CONF,
                ROLLING_WRITE_LOAD_ADVISORY,
                SRV_STOP, SRV_INSTALL, SRV_START, SRV_VERIFY_JOINED,
                SRV_STOP, SRV_INSTALL, SRV_START, SRV_VERIFY_JOINED,
                SRV_STOP, SRV_INSTALL, SRV_START, SRV_VERIFY_JOINED,
                SRV_STOP, SRV_INSTALL, SRV_START, SRV_VERIFY_JOINED,
                POST_FULL_BACKUP);
        assertThat(plan.acknowledgements()).containsExactly("no-downgrade", "write-load");
        assertThat(plan.seedServer()).isNull();
        assertThat(plan.advisories()).hasSize(2);
        assertThat(plan.advisories().get(0)).startsWith("A tarball upgrade unpacks a fresh NEO4J_HOME: put plugins built for 3.4.6");
        assertThat(plan.advisories().get(1)).startsWith("Leadership moves during a rolling upgrade");
    }

    @Test
    void everyStopIsGatedAndTheCoresAreRecheckedForLeadershipAtRunTime() {
        Plan plan = plan(Clusters.tarball());
        assertThat(plan.steps()).filteredOn(s -> s.key() == SRV_STOP)
                .extracting(PlannedStep::server, PlannedStep::gate, PlannedStep::recheckLeaderAtRuntime)
                .containsExactly(
                        tuple("core-1", Gate.SAFE_TO_STOP, true), tuple("core-3", Gate.SAFE_TO_STOP, true),
                        tuple("core-2", Gate.SAFE_TO_STOP, true), tuple("rr-1", Gate.SAFE_TO_STOP, false));
    }

    @Test
    void tarballServerCommandsCopyTheDataWhenItIsInsideNeo4jHome() {
        Plan plan = plan(Clusters.tarball());
        assertThat(plan.stepsOf("core-2")).filteredOn(s -> s.key().name().startsWith("SRV_"))
                .extracting(PlannedStep::key, PlannedStep::commandLines).containsExactly(
                tuple(SRV_STOP, List.of(OLD_HOME + "/bin/neo4j stop")),
                tuple(SRV_INSTALL, List.of(
                        "mkdir -p " + NEW_HOME,
                        "tar -xzf /tmp/neo4j-enterprise-3.4.6-unix.tar.gz -C " + NEW_HOME + " --strip-components=1",
                        "put the prepared neo4j.conf (final) for core-2 at /tmp/upshift/neo4j.conf.final",
                        "cp /tmp/upshift/neo4j.conf.final " + NEW_HOME + "/conf/neo4j.conf",
                        "mkdir -p " + NEW_HOME + "/data",
                        "cp -a " + OLD_HOME + "/data/. " + NEW_HOME + "/data/")),
                tuple(SRV_START, List.of(NEW_HOME + "/bin/neo4j start")),
                tuple(SRV_VERIFY_JOINED, List.of("CALL dbms.cluster.overview()", "CALL dbms.components()")));
        PlannedStep verify = plan.stepsOf("core-2").get(plan.stepsOf("core-2").size() - 1);
        assertThat(verify.actor()).isEqualTo(Actor.PANEL_BOLT);
        assertThat(verify.verification().kind()).isEqualTo(Verification.Kind.MEMBER_JOINED);
        assertThat(verify.section()).isEqualTo("5.3.2.1 1c");
    }

    @Test
    void dataOutsideNeo4jHomeIsNotCopiedAndTheReasonIsRecorded() {
        List<ServerSpec> servers = Clusters.tarball().stream().map(s -> s.withDataDir("/srv/neo4j/data")).toList();
        PlannedStep install = plan(servers).stepsOf("core-1").stream().filter(s -> s.key() == SRV_INSTALL).findFirst().orElseThrow();
        assertThat(install.commandLines()).containsExactly(
                "mkdir -p " + NEW_HOME,
                "tar -xzf /tmp/neo4j-enterprise-3.4.6-unix.tar.gz -C " + NEW_HOME + " --strip-components=1",
                "put the prepared neo4j.conf (final) for core-1 at /tmp/upshift/neo4j.conf.final",
                "cp /tmp/upshift/neo4j.conf.final " + NEW_HOME + "/conf/neo4j.conf");
        assertThat(install.omitted()).extracting(SkipReason::code).containsExactly("DATA_OUTSIDE_HOME");
        assertThat(install.isSkipped()).isFalse();
    }

    @Test
    void debianAndRpmInstallThePackageWithSudo() {
        Plan deb = planner.plan(PlanRequest.of(Clusters.packaged(InstallType.DEB), "3.4.5", "3.4.6", Method.ROLLING_FIXED, Map.of()));
        assertThat(deb.stepsOf("core-1")).filteredOn(s -> s.key().name().startsWith("SRV_"))
                .extracting(PlannedStep::commandLines).containsExactly(
                List.of("sudo systemctl stop neo4j"),
                List.of("sudo apt-get install -y -o Dpkg::Options::=--force-confold neo4j-enterprise=1:3.4.6",
                        "put the prepared neo4j.conf (final) for core-1 at /tmp/upshift/neo4j.conf.final",
                        "sudo cp /tmp/upshift/neo4j.conf.final /etc/neo4j/neo4j.conf"),
                List.of("sudo systemctl start neo4j"),
                List.of("CALL dbms.cluster.overview()", "CALL dbms.components()"));
        assertThat(deb.advisories()).singleElement().asString().startsWith("Leadership moves");
        assertThat(deb.stepsOf("core-1")).filteredOn(s -> s.key() == SRV_INSTALL).flatExtracting(PlannedStep::commands)
                .extracting(Command::kind).containsExactly("shell", "upload-conf", "shell");
        Plan rpm = planner.plan(PlanRequest.of(Clusters.packaged(InstallType.RPM), "3.4.5", "3.4.6", Method.ROLLING_FIXED, Map.of()));
        assertThat(rpm.stepsOf("rr-1")).filteredOn(s -> s.key() == SRV_INSTALL).flatExtracting(PlannedStep::commandLines)
                .first().isEqualTo("sudo yum install -y neo4j-enterprise-3.4.6");
        assertThat(rpm.stepsOf("rr-1")).filteredOn(s -> s.key() == SRV_INSTALL).flatExtracting(PlannedStep::omitted).isEmpty();
    }

    @Test
    void preUpgradeBackupsAreRenderedPerServer() {
        List<ServerSpec> servers = Clusters.tarball().stream()
                .map(s -> s.id().equals("rr-1") ? s.withNativeAuth(false).withSudo(true) : s).toList();
        Plan plan = plan(servers);
        String b = "/var/backups/neo4j/upshift-3.4.5-to-3.4.6";
        assertThat(plan.stepsOf("rr-1")).filteredOn(s -> s.key().name().startsWith("PRE_"))
                .extracting(PlannedStep::key, PlannedStep::commandLines).containsExactly(
                tuple(PRE_BACKUP_CONF, List.of("sudo mkdir -p " + b,
                        "sudo cp -p " + OLD_HOME + "/conf/neo4j.conf " + b + "/neo4j.conf",
                        "sudo sha256sum " + OLD_HOME + "/conf/neo4j.conf " + b + "/neo4j.conf")),
                tuple(PRE_BACKUP_DBMS, List.of()),
                tuple(PRE_PREPARE_CONF, List.of("sudo cat " + OLD_HOME + "/conf/neo4j.conf")));
        PlannedStep skipped = plan.stepsOf("rr-1").get(1);
        assertThat(skipped.skip().code()).isEqualTo("AUTH_NOT_NATIVE");
        assertThat(skipped.skip().text()).contains("only if native users and roles are used");
        assertThat(plan.stepsOf("core-1")).filteredOn(s -> s.key() == PRE_BACKUP_DBMS).flatExtracting(PlannedStep::commandLines)
                .containsExactly("mkdir -p " + b, "tar -czf " + b + "/dbms.tar.gz -C " + OLD_HOME + "/data dbms",
                        "sha256sum " + b + "/dbms.tar.gz");
        assertThat(plan.steps()).filteredOn(s -> s.key() == PRE_VERIFY_FULL_BACKUP).flatExtracting(PlannedStep::commandLines)
                .containsExactly("mkdir -p " + b + "/full-backup", OLD_HOME + "/bin/neo4j-admin backup --from=10.0.0.11:6362"
                        + " --backup-dir=" + b + "/full-backup --name=graph.db --check-consistency=true");
    }

    @Test
    void aStoreFormatChangeIsRefusedWithTheReasonAndTheOfflineRoute() {
        List<ServerSpec> servers = Clusters.tarball("/opt/neo4j-3.3.5");
        assertThatThrownBy(() -> planner.plan(PlanRequest.of(servers, "3.3.5", "3.4.6", Method.ROLLING_FIXED, Clusters.tarballs(servers))))
                .isInstanceOfSatisfying(PlanRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(RefusalCode.ROLLING_STORE_FORMAT_CHANGE);
                    assertThat(e.reason()).contains("only between patch releases", "StandardV3_2[v0.A.8] → StandardV3_4[v0.A.9]");
                    assertThat(e.route()).startsWith("Use the offline upgrade (5.3.3)");
                });
    }

    @Test
    void aDowngradeIsRefusedWithWhatARollbackMeans() {
        List<ServerSpec> servers = Clusters.tarball("/opt/neo4j-3.4.6");
        assertThatThrownBy(() -> planner.plan(PlanRequest.of(servers, "3.4.6", "3.4.5", Method.OFFLINE, Clusters.tarballs(servers))))
                .isInstanceOfSatisfying(PlanRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(RefusalCode.DOWNGRADE);
                    assertThat(e.reason()).startsWith("Neo4j does not support downgrades; a failed upgrade means a full "
                            + "rollback, including restoring the pre-upgrade backup");
                    assertThat(e.route()).startsWith("To return to 3.4.5, plan a rollback: reinstall 3.4.5 on every server");
                });
        assertThat(planner.eligibility(Neo4jVersion.parse("3.4.5"), Neo4jVersion.parse("3.4.6"))).allMatch(Eligibility::allowed);
    }

    @Test
    void aTarballServerWithoutItsNewArchiveIsRefused() {
        List<ServerSpec> servers = Clusters.tarball();
        assertThatThrownBy(() -> planner.plan(PlanRequest.of(servers, "3.4.5", "3.4.6", Method.ROLLING_FIXED, Map.of())))
                .isInstanceOfSatisfying(PlanRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(RefusalCode.INVALID_TOPOLOGY);
                    assertThat(e.reason()).startsWith("No new tarball given for core-2");
                });
    }
}
