package dev.upshift.procedure;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.upshift.procedure.StepKey.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

class PlannerRollingReplaceableTest {

    private static final String NEW = "/opt/neo4j-3.4.6";
    private final Planner planner = Planner.standard();
    private final List<ServerSpec> servers = Clusters.tarball();

    private Map<String, ServerSpec> replacements() {
        Map<String, ServerSpec> r = new LinkedHashMap<>();
        for (ServerSpec s : servers) {
            String address = s.address().replace("10.0.0.", "10.0.1.");
            r.put(s.id(), ServerSpec.tarball(s.id() + "-new", address, s.role(), NEW));
        }
        return r;
    }

    private PlanRequest request() {
        Map<String, InstallDetails> install = new LinkedHashMap<>(Clusters.tarballs(servers));
        replacements().values().forEach(s -> install.put(s.id(), InstallDetails.tarball(Clusters.ARCHIVE, NEW)));
        return PlanRequest.of(servers, "3.4.5", "3.4.6", Method.ROLLING_REPLACEABLE, install);
    }

    @Test
    void eachMemberIsReplacedInRollingOrderAndTheOldOneStoppedLast() {
        Plan plan = planner.plan(request().withReplacements(replacements()));
        assertThat(plan.phases()).filteredOn(p -> p.kind() == PhaseKind.SERVER).extracting(PlanPhase::server)
                .containsExactly("core-1", "core-3", "core-2", "rr-1");
        assertThat(plan.phases().get(1).steps()).extracting(PlannedStep::key, PlannedStep::server, PlannedStep::gate,
                PlannedStep::recheckLeaderAtRuntime).containsExactly(
                tuple(RR_NEW_INSTANCE, "core-1-new", Gate.NONE, true),
                tuple(RR_PLACE_CONF, "core-1-new", Gate.NONE, false),
                tuple(RR_MOVE_DBMS, "core-1-new", Gate.NONE, false),
                tuple(RR_START_STORE_COPY, "core-1-new", Gate.NONE, false),
                tuple(RR_VERIFY_JOINED, "core-1-new", Gate.NONE, false),
                tuple(RR_STOP_OLD, "core-1", Gate.SAFE_TO_STOP, false));
        assertThat(plan.phases().get(1).steps()).extracting(PlannedStep::commandLines).containsExactly(
                List.of("mkdir -p " + NEW, "tar -xzf /tmp/neo4j-enterprise-3.4.6-unix.tar.gz -C " + NEW + " --strip-components=1"),
                List.of("put the prepared neo4j.conf (final) for core-1-new at /tmp/upshift/neo4j.conf.final",
                        "cp /tmp/upshift/neo4j.conf.final " + NEW + "/conf/neo4j.conf"),
                List.of("copy core-1:/var/backups/neo4j/upshift-3.4.5-to-3.4.6/dbms.tar.gz to core-1-new:/tmp/upshift/dbms.tar.gz",
                        "mkdir -p " + NEW + "/data", "tar -xzf /tmp/upshift/dbms.tar.gz -C " + NEW + "/data"),
                List.of(NEW + "/bin/neo4j start"),
                List.of("CALL dbms.cluster.overview()", "CALL dbms.components()"),
                List.of(Clusters.OLD_HOME + "/bin/neo4j stop"));
        // Confs are prepared for the replacements from the replaced members' confs; the full backup afterwards runs on a new member.
        assertThat(plan.steps()).filteredOn(s -> s.key() == PRE_PREPARE_CONF).extracting(PlannedStep::server)
                .containsExactly("core-1-new", "core-3-new", "core-2-new", "rr-1-new");
        assertThat(plan.steps()).filteredOn(s -> s.key() == PRE_PREPARE_CONF).extracting(s -> s.commands().get(0).server())
                .containsExactly("core-1", "core-3", "core-2", "rr-1");
        assertThat(plan.confs()).extracting(ConfToPrepare::server, ConfToPrepare::variant, ConfToPrepare::address,
                ConfToPrepare::basedOn, ConfToPrepare::basedOnAddress).containsExactly(
                tuple("core-1-new", ConfVariant.FINAL, "10.0.1.11", "core-1", "10.0.0.11"),
                tuple("core-3-new", ConfVariant.FINAL, "10.0.1.13", "core-3", "10.0.0.13"),
                tuple("core-2-new", ConfVariant.FINAL, "10.0.1.12", "core-2", "10.0.0.12"),
                tuple("rr-1-new", ConfVariant.FINAL, "10.0.1.21", "rr-1", "10.0.0.21"));
        assertThat(plan.steps().get(plan.steps().size() - 1).commands()).extracting(Command::server).containsOnly("core-1-new");
    }

    @Test
    void packageReplacementsGetTheDbmsOwnedByNeo4jAndNonNativeAuthSkipsIt() {
        List<ServerSpec> old = Clusters.packaged(InstallType.DEB).stream()
                .map(s -> s.id().equals("rr-1") ? s.withNativeAuth(false) : s).toList();
        Map<String, ServerSpec> r = new LinkedHashMap<>();
        old.forEach(s -> r.put(s.id(), ServerSpec.packaged(s.id() + "-new", s.address().replace("10.0.0.", "10.0.1."), s.role(), InstallType.DEB)));
        Plan plan = planner.plan(PlanRequest.of(old, "3.4.5", "3.4.6", Method.ROLLING_REPLACEABLE, Map.of()).withReplacements(r));
        assertThat(plan.stepsOf("core-2-new")).filteredOn(s -> s.key() == RR_MOVE_DBMS).flatExtracting(PlannedStep::commandLines)
                .containsExactly("copy core-2:/var/backups/neo4j/upshift-3.4.5-to-3.4.6/dbms.tar.gz to core-2-new:/tmp/upshift/dbms.tar.gz",
                        "sudo mkdir -p /var/lib/neo4j/data", "sudo tar -xzf /tmp/upshift/dbms.tar.gz -C /var/lib/neo4j/data",
                        "sudo chown -R neo4j:neo4j /var/lib/neo4j/data/dbms");
        assertThat(plan.stepsOf("rr-1-new")).filteredOn(s -> s.key() == RR_MOVE_DBMS).extracting(s -> s.skip().code())
                .containsExactly("AUTH_NOT_NATIVE");
        assertThat(plan.stepsOf("rr-1-new")).filteredOn(s -> s.key() == RR_NEW_INSTANCE).flatExtracting(PlannedStep::commandLines)
                .containsExactly("sudo apt-get install -y -o Dpkg::Options::=--force-confold neo4j-enterprise=1:3.4.6");
    }

    @Test
    void missingReplacementsAreRefused() {
        assertThatThrownBy(() -> planner.plan(request()))
                .isInstanceOfSatisfying(PlanRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(RefusalCode.REPLACEMENTS_MISSING);
                    assertThat(e.route()).contains("rolling-fixed");
                });
    }

    @Test
    void aMismatchedReplacementCountIsRefusedNamingTheMembersWithout() {
        Map<String, ServerSpec> some = new LinkedHashMap<>(replacements());
        some.remove("rr-1");
        some.remove("core-3");
        assertThatThrownBy(() -> planner.plan(request().withReplacements(some)))
                .isInstanceOfSatisfying(PlanRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(RefusalCode.REPLACEMENTS_MISMATCH);
                    assertThat(e.reason()).isEqualTo(
                            "Each member needs exactly one replacement: 2 given for 4 members; none for rr-1, core-3.");
                });
    }

    @Test
    void aCoreIsNotReplacedByAReadReplica() {
        Map<String, ServerSpec> r = new LinkedHashMap<>(replacements());
        r.put("core-1", r.get("core-1").withRole(ServerRole.READ_REPLICA));
        assertThatThrownBy(() -> planner.plan(request().withReplacements(r)))
                .isInstanceOfSatisfying(PlanRefusedException.class, e -> assertThat(e.code()).isEqualTo(RefusalCode.REPLACEMENTS_MISMATCH));
    }
}
