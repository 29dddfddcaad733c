package dev.upshift.run;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import dev.upshift.monitor.MemberState;
import dev.upshift.monitor.MembershipSnapshot;

/**
 * The conditions the engine waits for, decided on the monitor's view of the cluster ({@code dbms.cluster.overview()}),
 * never on a port being open; versions come from the monitor or, when it has not re-read one yet, from the member
 * itself ({@code dbms.components()}). Each returns empty when met, or why not in words for the operator. Pure: the waiting
 * lives in {@link HealthGates}.
 */
final class ClusterChecks {

    private ClusterChecks() {
    }

    /** The snapshot is usable: polled after {@code since} (so it reflects what the engine just did) and reachable. */
    static Optional<String> fresh(MembershipSnapshot s, Instant since, boolean mustReach) {
        if (!s.isKnown()) return why("the monitor has not polled the cluster yet");
        if (s.polledAt().isBefore(since)) return why("waiting for the monitor's next poll of the cluster");
        if (mustReach && !s.reachable()) return why("no member answers dbms.cluster.overview(): " + s.problem());
        return Optional.empty();
    }

    /**
     * Before stopping {@code server}: every other expected member present, exactly one leader, the member upgraded
     * last on the target version, and — for a core — the cores left running still a majority of the expected cores.
     */
    static Optional<String> safeToStop(MembershipSnapshot s, RunContext ctx, String server, String lastUpgraded,
                                       Function<String, String> versionOf) {
        for (RunServer expected : ctx.members()) {
            if (expected.getServer().equalsIgnoreCase(server)) continue;
            // a member already replaced (5.3.2.2) is stood for by its replacement
            String standing = ctx.replacementOf(expected.getServer()).filter(r -> present(s, r.getServer()))
                    .map(RunServer::getServer).orElse(expected.getServer());
            Optional<MemberState> m = s.member(standing);
            if (m.isEmpty() || !m.get().present()) {
                return why(expected.getServer() + " is not in dbms.cluster.overview(); every other member must be present before "
                        + server + " stops");
            }
        }
        if (s.leaderCount() != 1) {
            return why("dbms.cluster.overview() shows " + s.leaderCount() + " leaders; waiting for exactly one");
        }
        if (lastUpgraded != null) {
            Optional<MemberState> last = s.member(lastUpgraded).filter(MemberState::present);
            if (last.isEmpty()) return why(lastUpgraded + " (upgraded last) has not rejoined yet");
            String version = versionOf.apply(lastUpgraded);
            if (!ctx.targetVersion().equals(version)) {
                return why(lastUpgraded + " (upgraded last) reports " + version + ", not " + ctx.targetVersion() + " yet");
            }
        }
        RunServer target = ctx.servers().get(server);
        boolean core = target != null ? target.isCore() : s.member(server).map(MemberState::isCore).orElse(true);
        if (core) {
            long total = ctx.expectedCores();
            long majority = total / 2 + 1;
            long leftRunning = s.members().stream()
                    .filter(m -> m.present() && m.isCore() && !m.address().equalsIgnoreCase(server)).count();
            if (leftRunning < majority) {
                return why("stopping core " + server + " would leave " + leftRunning + " of " + total
                        + " cores running, below a majority (" + majority + ")");
            }
        }
        return Optional.empty();
    }

    /** The member is no longer in the overview of the others. */
    static Optional<String> stopped(MembershipSnapshot s, String server) {
        if (!s.reachable()) return Optional.empty();   // nobody answers: nobody lists it either
        return s.member(server).filter(MemberState::present)
                .map(m -> server + " is still listed in dbms.cluster.overview() as " + m.role());
    }

    /** The member is in the overview with a role matching its kind, and reports the target version. */
    static Optional<String> joined(MembershipSnapshot s, RunContext ctx, String server, Function<String, String> versionOf) {
        Optional<MemberState> m = s.member(server).filter(MemberState::present);
        if (m.isEmpty()) return why(server + " is not in dbms.cluster.overview() yet");
        RunServer planned = ctx.servers().get(server);
        boolean core = planned == null || planned.isCore();
        if (core != m.get().isCore()) {
            return why(server + " is listed as " + m.get().role() + ", expected " + (core ? "LEADER or FOLLOWER" : "READ_REPLICA"));
        }
        String version = versionOf.apply(server);
        if (!ctx.targetVersion().equals(version)) {
            return why(server + " reports " + version + ", not " + ctx.targetVersion() + " yet");
        }
        return Optional.empty();
    }

    /** Every expected core is present, with exactly one leader, all on the target version. */
    static Optional<String> formed(MembershipSnapshot s, RunContext ctx, Function<String, String> versionOf) {
        for (RunServer core : ctx.servers().values()) {
            if (!core.isCore()) continue;
            Optional<String> joined = joined(s, ctx, core.getServer(), versionOf);
            if (joined.isPresent()) return joined;
        }
        if (s.leaderCount() != 1) return why("the cores show " + s.leaderCount() + " leaders; waiting for exactly one");
        return Optional.empty();
    }

    /** Before the upgrade: every expected member present on {@code version}, exactly one leader. */
    static Optional<String> healthyOn(MembershipSnapshot s, RunContext ctx, String version) {
        for (RunServer expected : ctx.members()) {
            Optional<MemberState> m = s.member(expected.getServer()).filter(MemberState::present);
            if (m.isEmpty()) return why(expected.getServer() + " is not in dbms.cluster.overview()");
            if (!version.equals(m.get().version())) {
                return why(expected.getServer() + " reports " + m.get().version() + ", expected " + version);
            }
        }
        if (s.leaderCount() != 1) return why("dbms.cluster.overview() shows " + s.leaderCount() + " leaders");
        return Optional.empty();
    }

    private static boolean present(MembershipSnapshot s, String server) {
        return s.member(server).filter(MemberState::present).isPresent();
    }

    private static Optional<String> why(String reason) {
        return Optional.of(reason);
    }
}
