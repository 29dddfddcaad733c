package dev.upshift.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.BoltGateway;

/**
 * Marker nodes ({@code :Probe {i, written}}) written on the leader before a change and counted on each member after
 * it: the data an upgrade must carry over, on every member, read from that member itself.
 */
public final class Probes {

    /** How long a member may take to catch up on the probes after it (re)joined. */
    private static final Duration CATCH_UP = Duration.ofMinutes(1);

    private Probes() {
    }

    /** Writes {@code n} probes marked {@code written} through the leader. */
    public static void write(BoltGateway bolt, BoltEndpoint leader, int n, String written) {
        bolt.query(leader, "UNWIND range(1, $n) AS i CREATE (:Probe {i: i, written: $written})", Map.of("n", n, "written", written), true);
    }

    /** The probes marked {@code written} that {@code member} itself holds. */
    public static long count(BoltGateway bolt, BoltEndpoint member, String written) {
        return ((Number) bolt.query(member, "MATCH (p:Probe {written: $written}) RETURN count(p) AS n", Map.of("written", written), false)
                .get(0).get("n")).longValue();
    }

    /** Waits until {@code member} holds exactly {@code n} probes marked {@code written}; fails after a minute. */
    public static void awaitOn(BoltGateway bolt, BoltEndpoint member, String written, long n) {
        await("probes '" + written + "' on " + member.uri()).atMost(CATCH_UP).until(() -> count(bolt, member, written), c -> c == n);
    }
}
