package dev.upshift.procedure;

import static dev.upshift.procedure.StepKey.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The rollback of an offline 3.3.5 → 3.4.6 upgrade aborted after the seed core (core-1) was upgraded. */
class RollbackPlannerTest {

    private static final String H = "/opt/neo4j-3.3.5";
    private static final String N = "/opt/neo4j-3.4.6";
    private static final String BK = "/var/backups/neo4j/run-7";
    private static final String FULL = BK + "/full-backup/graph.db";
    private static final String SHA = "ab".repeat(32);
    private static final String WORK = "/tmp/upshift/run-8";

    private final RollbackPlanner planner = RollbackPlanner.standard();

    private static RollbackRequest request(List<ServerSpec> specs, boolean auth) {
        List<RollbackRequest.Server> servers = new ArrayList<>();
        for (ServerSpec s : specs) {
            ServerSpec spec = s.withNativeAuth(auth);
            boolean tarball = s.installType() == InstallType.TARBALL;
            servers.add(new RollbackRequest.Server(spec, tarball ? "/opt/neo4j-enterprise-3.3.5-unix.tar.gz" : null,
                    tarball ? N : null, s.id().equals("core-1"), true,
                    new RollbackRequest.FileBackup(BK + "/neo4j.conf", SHA),
                    auth ? new RollbackRequest.FileBackup(BK + "/dbms.tar.gz", "cd".repeat(32)) : null));
        }
        return new RollbackRequest(7, Method.OFFLINE, Neo4jVersion.parse("3.4.6"), Neo4jVersion.parse("3.3.5"), servers,
                new RollbackRequest.FullBackup("core-1", FULL), null, WORK);
    }

    private Plan tarballPlan() {
        return planner.plan(request(Clusters.tarball(H), false));
    }

    @Test
    @DisplayName("stop all, check the backup, each server back (cores by rolling order, then the RR), cores, then the RR")
    void everyStepInOrder() {
        Plan plan = tarballPlan();

        assertThat(plan.source()).hasToString("3.4.6");
        assertThat(plan.target()).hasToString("3.3.5");
        assertThat(plan.acknowledgements()).containsExactly("restore-backup");
        assertThat(plan.expectedStoreFormat()).isNull();
        assertThat(plan.confs()).isEmpty();
        assertThat(plan.steps()).extracting(PlannedStep::key, PlannedStep::server).containsExactly(
                tuple(RB_STOP_ALL, null),
                tuple(RB_VERIFY_BACKUP, "core-1"),
                tuple(RB_REINSTALL, "core-1"), tuple(RB_RESTORE_CONF, "core-1"), tuple(RB_RESTORE_DBMS, "core-1"),
                tuple(RB_RESTORE_DB, "core-1"), tuple(RB_UNBIND, "core-1"),
                tuple(RB_REINSTALL, "core-3"), tuple(RB_RESTORE_CONF, "core-3"), tuple(RB_RESTORE_DBMS, "core-3"),
                tuple(RB_RESTORE_DB, "core-3"), tuple(RB_UNBIND, "core-3"),
                tuple(RB_REINSTALL, "core-2"), tuple(RB_RESTORE_CONF, "core-2"), tuple(RB_RESTORE_DBMS, "core-2"),
                tuple(RB_RESTORE_DB, "core-2"), tuple(RB_UNBIND, "core-2"),
                tuple(RB_REINSTALL, "rr-1"), tuple(RB_RESTORE_CONF, "rr-1"), tuple(RB_RESTORE_DBMS, "rr-1"),
                tuple(RB_RESTORE_DB, "rr-1"),
                tuple(RB_START_CORES, null),
                tuple(RB_RR_START, "rr-1"));
        assertThat(plan.steps()).extracting(s -> s.verification().kind()).contains(Verification.Kind.MEMBER_STOPPED,
                Verification.Kind.CLUSTER_FORMED, Verification.Kind.MEMBER_JOINED);
        assertThat(plan.advisories()).anyMatch(a -> a.contains("written after that backup is lost"));
    }

    @Test
    @DisplayName("both installations are stopped where the run unpacked a new one, read replicas first")
    void stopsEitherInstallation() {
        List<String> stops = step(tarballPlan(), RB_STOP_ALL, null).commandLines();
        assertThat(stops).first().asString().contains("neo4j-3.4.6/bin/neo4j stop");
        assertThat(stops).contains("test ! -x " + N + "/bin/neo4j || " + N + "/bin/neo4j stop",
                "test ! -x " + H + "/bin/neo4j || " + H + "/bin/neo4j stop").hasSize(8);
        assertThat(stops.subList(0, 2)).allMatch(l -> l.contains("stop"));
    }

    @Test
    @DisplayName("the source version goes back only where the run installed; an intact source NEO4J_HOME is used as it is")
    void reinstallWhereTouched() {
        Plan plan = tarballPlan();
        PlannedStep seed = step(plan, RB_REINSTALL, "core-1");
        assertThat(seed.isSkipped()).isFalse();
        assertThat(seed.commandLines()).containsExactly(
                "test ! -d " + N + " || mv -T " + N + " " + N + ".rolled-back-run-7",
                "if " + H + "/bin/neo4j version 2>/dev/null | grep -Fqx 'neo4j 3.3.5'; then echo '" + H
                        + " is intact: neo4j 3.3.5'; else mkdir -p " + H + " && tar -xzf /opt/neo4j-enterprise-3.3.5-unix.tar.gz -C "
                        + H + " --strip-components=1; fi",
                H + "/bin/neo4j version | grep -Fx 'neo4j 3.3.5'");
        PlannedStep other = step(plan, RB_REINSTALL, "core-3");
        assertThat(other.isSkipped()).isTrue();
        assertThat(other.skip().code()).isEqualTo("NOT_TOUCHED");
        assertThat(other.commands()).isEmpty();
    }

    @Test
    @DisplayName("the conf backup is checked against the recorded SHA-256 before and after it is put back")
    void confChecksums() {
        assertThat(step(tarballPlan(), RB_RESTORE_CONF, "core-2").commandLines()).containsExactly(
                "echo '" + SHA + "  " + BK + "/neo4j.conf' | sha256sum -c -",
                "cp -p " + BK + "/neo4j.conf " + H + "/conf/neo4j.conf",
                "echo '" + SHA + "  " + H + "/conf/neo4j.conf' | sha256sum -c -");
    }

    @Test
    @DisplayName("the backup's holder restores in place; the others get the packed copy through the panel; cores unbind")
    void restoreEverywhere() {
        Plan plan = tarballPlan();
        assertThat(step(plan, RB_VERIFY_BACKUP, "core-1").commandLines()).containsExactly(
                "test -f " + FULL + "/neostore", "du -sk --time " + FULL, "mkdir -p " + WORK,
                "rm -f " + WORK + "/pre-upgrade-backup.tar.gz",
                "tar -czf " + WORK + "/pre-upgrade-backup.tar.gz -C " + BK + "/full-backup graph.db",
                "sha256sum " + WORK + "/pre-upgrade-backup.tar.gz");
        assertThat(step(plan, RB_RESTORE_DB, "core-1").commandLines()).containsExactly(
                H + "/bin/neo4j-admin restore --database=graph.db --force --from=" + FULL);
        PlannedStep rr = step(plan, RB_RESTORE_DB, "rr-1");
        assertThat(rr.commands().get(0)).isEqualTo(new Command.Transfer("rr-1", "core-1", WORK + "/pre-upgrade-backup.tar.gz",
                WORK + "/pre-upgrade-backup.tar.gz"));
        assertThat(rr.commandLines()).last().isEqualTo(H + "/bin/neo4j-admin restore --database=graph.db --force --from="
                + WORK + "/pre-upgrade-backup/graph.db");
        assertThat(step(plan, RB_UNBIND, "core-3").commandLines()).containsExactly("if [ -d " + H + "/data/cluster-state ]; then "
                + H + "/bin/neo4j-admin unbind; else echo 'No cluster state in " + H + "/data/cluster-state: nothing to unbind'; fi");
        assertThat(plan.steps()).filteredOn(s -> s.key() == RB_UNBIND).extracting(PlannedStep::server)
                .containsExactly("core-1", "core-3", "core-2");
        assertThat(step(plan, RB_START_CORES, null).commandLines()).startsWith(
                H + "/bin/neo4j start", H + "/bin/neo4j start", H + "/bin/neo4j start").contains("CALL dbms.cluster.overview()");
        assertThat(step(plan, RB_RR_START, "rr-1").commandLines()).first().isEqualTo(H + "/bin/neo4j start");
        assertThat(step(plan, RB_RR_START, "rr-1").commands()).contains(new Command.Cypher("core-1", "CALL dbms.cluster.overview()"),
                new Command.Cypher("rr-1", "CALL dbms.components()"));
    }

    @Test
    @DisplayName("data/dbms: skipped without native auth, restored with its checksum checked when it was backed up")
    void dbms() {
        PlannedStep skipped = step(tarballPlan(), RB_RESTORE_DBMS, "core-1");
        assertThat(skipped.skip().code()).isEqualTo("AUTH_NOT_NATIVE");
        List<String> lines = step(planner.plan(request(Clusters.tarball(H), true)), RB_RESTORE_DBMS, "core-1").commandLines();
        assertThat(lines).containsExactly("echo '" + "cd".repeat(32) + "  " + BK + "/dbms.tar.gz' | sha256sum -c -",
                "rm -rf " + H + "/data/dbms", "mkdir -p " + H + "/data", "tar -xzf " + BK + "/dbms.tar.gz -C " + H + "/data");
    }

    @Test
    @DisplayName("packages: the source version's package again (a downgrade), with sudo, and neo4j-admin as the neo4j user")
    void packages() {
        Plan plan = planner.plan(request(Clusters.packaged(InstallType.DEB), false));
        assertThat(step(plan, RB_STOP_ALL, null).commandLines()).containsOnly("sudo systemctl stop neo4j");
        assertThat(step(plan, RB_REINSTALL, "core-1").commandLines()).containsExactly(
                "sudo apt-get install -y --allow-downgrades -o Dpkg::Options::=--force-confold neo4j-enterprise=1:3.3.5",
                "sudo neo4j version | grep -Fx 'neo4j 3.3.5'");
        assertThat(step(plan, RB_RESTORE_DB, "core-1").commandLines()).containsExactly(
                "sudo -u neo4j neo4j-admin restore --database=graph.db --force --from=" + FULL);
    }

    @Test
    @DisplayName("a backup on a server that is not a member is refused")
    void backupOnAMember() {
        RollbackRequest r = request(Clusters.tarball(H), false);
        RollbackRequest elsewhere = new RollbackRequest(7, Method.OFFLINE, r.from(), r.to(), r.servers(),
                new RollbackRequest.FullBackup("core-9", FULL), null, WORK);
        assertThatThrownBy(() -> planner.plan(elsewhere)).isInstanceOf(PlanRefusedException.class).hasMessageContaining("core-9");
    }

    private static PlannedStep step(Plan plan, StepKey key, String server) {
        return plan.steps().stream().filter(s -> s.key() == key && java.util.Objects.equals(server, s.server()))
                .findFirst().orElseThrow();
    }
}
