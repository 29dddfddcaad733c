package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.upshift.monitor.MemberState;
import dev.upshift.monitor.MembershipSnapshot;
import dev.upshift.procedure.InstallType;
import dev.upshift.procedure.ServerRole;

/** The health gate's conditions on the monitor's view. */
class ClusterChecksTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:10Z");
    private static final String A = "10.0.0.1", B = "10.0.0.2", C = "10.0.0.3", R = "10.0.0.9";

    private final Map<String, MemberState> members = new LinkedHashMap<>();
    private final Map<String, String> versions = new LinkedHashMap<>();

    private RunContext ctx() {
        Map<String, RunServer> servers = new LinkedHashMap<>();
        for (String s : List.of(A, B, C)) servers.put(s, server(s, ServerRole.FOLLOWER));
        servers.put(R, server(R, ServerRole.READ_REPLICA));
        return new RunContext(1L, 1L, RunMode.AUTO, "3.4.5", "3.4.6", null, null, List.of(), servers);
    }

    private static RunServer server(String address, ServerRole role) {
        return replacement(address, role, null);
    }

    private static RunServer replacement(String address, ServerRole role, String replaces) {
        return new RunServer(1L, address, role, InstallType.TARBALL, "/n/" + address, "/n2/" + address, "/t.tgz",
                "/n/conf", "/n/data", "/b", replaces);
    }

    /** The cluster of {@link #ctx()} with a replacement per core (rolling on replaceable resources). */
    private RunContext replaceableCtx() {
        Map<String, RunServer> servers = new LinkedHashMap<>(ctx().servers());
        for (String s : List.of(A, B, C)) servers.put("n" + s, replacement("n" + s, ServerRole.FOLLOWER, s));
        return new RunContext(1L, 1L, RunMode.AUTO, "3.4.5", "3.4.6", null, null, List.of(), servers);
    }

    private void member(String address, String role, String version, boolean present) {
        members.put(address, new MemberState(address, role, version, List.of(), "bolt://" + address + ":7687", present, NOW));
        versions.put(address, version);
    }

    private MembershipSnapshot snapshot() {
        return new MembershipSnapshot(1L, NOW, true, "bolt://" + A + ":7687", null, new ArrayList<>(members.values()));
    }

    private Function<String, String> versionOf() {
        return versions::get;
    }

    private void healthy() {
        member(A, "FOLLOWER", "3.4.5", true);
        member(B, "FOLLOWER", "3.4.5", true);
        member(C, "LEADER", "3.4.5", true);
        member(R, "READ_REPLICA", "3.4.5", true);
    }

    @Test
    @DisplayName("a healthy cluster may lose a follower")
    void healthyClusterMayStopAFollower() {
        healthy();
        assertThat(ClusterChecks.safeToStop(snapshot(), ctx(), A, null, versionOf())).isEmpty();
    }

    @Test
    @DisplayName("another member missing from the overview blocks the stop, naming it")
    void missingMemberBlocks() {
        healthy();
        member(R, "READ_REPLICA", "3.4.5", false);
        Optional<String> why = ClusterChecks.safeToStop(snapshot(), ctx(), A, null, versionOf());
        assertThat(why).get().asString().contains(R).contains("not in dbms.cluster.overview()");
    }

    @Test
    @DisplayName("two leaders (or none) block the stop")
    void exactlyOneLeader() {
        healthy();
        member(B, "LEADER", "3.4.5", true);
        assertThat(ClusterChecks.safeToStop(snapshot(), ctx(), A, null, versionOf())).get().asString().contains("2 leaders");
    }

    @Test
    @DisplayName("the member upgraded last must report the target version before the next one stops")
    void lastUpgradedOnTarget() {
        healthy();
        assertThat(ClusterChecks.safeToStop(snapshot(), ctx(), B, A, versionOf())).get().asString()
                .contains(A).contains("3.4.5, not 3.4.6");
        versions.put(A, "3.4.6");
        assertThat(ClusterChecks.safeToStop(snapshot(), ctx(), B, A, versionOf())).isEmpty();
    }

    @Test
    @DisplayName("a core is never stopped when the cores left running would not be a majority")
    void majority() {
        healthy();
        // B answers, but not as a core (e.g. still catching up as something else): only A would be left of 3 cores
        member(B, "READ_REPLICA", "3.4.5", true);
        Optional<String> why = ClusterChecks.safeToStop(snapshot(), ctx(), C, null, versionOf());
        assertThat(why).get().asString().contains("would leave 1 of 3 cores running, below a majority (2)");
    }

    @Test
    @DisplayName("a member already replaced is stood for by its replacement; a replacement not yet joined is not waited for")
    void replacedMemberCountsThroughItsReplacement() {
        healthy();
        member(A, "FOLLOWER", "3.4.5", false);            // A was replaced and shut down
        member("n" + A, "FOLLOWER", "3.4.6", true);        // by its replacement, on the target version
        member("n" + B, "FOLLOWER", "3.4.6", true);        // B's replacement joined, so B may stop now
        assertThat(ClusterChecks.safeToStop(snapshot(), replaceableCtx(), B, "n" + B, versionOf())).isEmpty();

        member("n" + A, "FOLLOWER", "3.4.6", false);       // the replacement is gone too: A is missing again
        assertThat(ClusterChecks.safeToStop(snapshot(), replaceableCtx(), B, "n" + B, versionOf())).get().asString()
                .contains(A + " is not in dbms.cluster.overview()");
    }

    @Test
    @DisplayName("pre-flight health asks for the members only, not for replacements that do not run yet")
    void healthyOnIgnoresReplacements() {
        healthy();
        assertThat(ClusterChecks.healthyOn(snapshot(), replaceableCtx(), "3.4.5")).isEmpty();
        assertThat(replaceableCtx().expectedCores()).isEqualTo(3);
    }

    @Test
    @DisplayName("stopped means gone from the overview; joined means present with the right role and version")
    void stoppedAndJoined() {
        healthy();
        assertThat(ClusterChecks.stopped(snapshot(), A)).get().asString().contains("still listed");
        member(A, "FOLLOWER", "3.4.5", false);
        assertThat(ClusterChecks.stopped(snapshot(), A)).isEmpty();
        assertThat(ClusterChecks.joined(snapshot(), ctx(), A, versionOf())).get().asString().contains("not in");
        member(A, "FOLLOWER", "3.4.6", true);
        assertThat(ClusterChecks.joined(snapshot(), ctx(), A, versionOf())).isEmpty();
        member(R, "FOLLOWER", "3.4.6", true);
        assertThat(ClusterChecks.joined(snapshot(), ctx(), R, versionOf())).get().asString().contains("READ_REPLICA");
    }

    @Test
    @DisplayName("a snapshot older than the wait, or none at all, is never enough")
    void freshness() {
        healthy();
        assertThat(ClusterChecks.fresh(MembershipSnapshot.unknown(1L), NOW, true)).isPresent();
        assertThat(ClusterChecks.fresh(snapshot(), NOW.plusSeconds(1), true)).get().asString().contains("next poll");
        assertThat(ClusterChecks.fresh(snapshot(), NOW.minusSeconds(1), true)).isEmpty();
    }
}
