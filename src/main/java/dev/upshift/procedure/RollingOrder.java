package dev.upshift.procedure;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The order servers are upgraded in a rolling upgrade: followers first, the leader last among the cores, read
 * replicas after every core. Each stop of the leader forces an election, so it is stopped once, last. Leadership
 * moves during a rolling upgrade (every restart can trigger an election), so the planner's order uses the roles
 * known at planning time and the engine re-applies {@link #next} with the roles it sees before each server.
 */
public final class RollingOrder {

    /** Orders by address, numerically per dotted part, so 10.0.0.9 comes before 10.0.0.10. */
    public static final Comparator<String> BY_ADDRESS = RollingOrder::compareAddresses;

    private RollingOrder() {
    }

    public static List<ServerSpec> order(List<ServerSpec> servers) {
        Comparator<ServerSpec> byAddress = Comparator.comparing(ServerSpec::address, BY_ADDRESS);
        return Stream.of(ServerRole.FOLLOWER, ServerRole.LEADER, ServerRole.READ_REPLICA)
                .flatMap(role -> servers.stream().filter(s -> s.role() == role).sorted(byAddress))
                .toList();
    }

    /**
     * The server to upgrade next, given the servers not yet upgraded (in plan order) and the roles the cluster
     * reports now: a follower if one remains, else the leader, and read replicas only when no core remains.
     */
    public static Optional<String> next(Collection<String> remaining, Map<String, ServerRole> rolesNow) {
        for (ServerRole role : List.of(ServerRole.FOLLOWER, ServerRole.LEADER, ServerRole.READ_REPLICA)) {
            Optional<String> found = remaining.stream().filter(id -> rolesNow.get(id) == role).findFirst();
            if (found.isPresent()) return found;
        }
        return remaining.stream().findFirst();
    }

    /** The first core by address: the default offline seed. */
    static ServerSpec firstCore(List<ServerSpec> servers) {
        return servers.stream().filter(ServerSpec::isCore)
                .min(Comparator.comparing(ServerSpec::address, BY_ADDRESS)).orElseThrow();
    }

    private static int compareAddresses(String a, String b) {
        String[] pa = a.split("[.:]");
        String[] pb = b.split("[.:]");
        for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
            int c = pa[i].matches("\\d+") && pb[i].matches("\\d+")
                    ? Long.compare(Long.parseLong(pa[i]), Long.parseLong(pb[i]))
                    : pa[i].compareTo(pb[i]);
            if (c != 0) return c;
        }
        return Integer.compare(pa.length, pb.length);
    }
}
