package dev.upshift.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import dev.upshift.monitor.MemberState;
import dev.upshift.monitor.MembershipSnapshot;
import dev.upshift.monitor.MembershipView;
import dev.upshift.neo4j.BoltGateway;
import dev.upshift.neo4j.Neo4jComponent;
import dev.upshift.neo4j.Neo4jUnavailableException;

/**
 * Waits for a cluster condition ({@link ClusterChecks}) on fresh snapshots of the monitor, showing the reason while
 * it is not met. A condition that is not met by the timeout fails the step; missing information (no poll, no answer)
 * counts as not met. Also compares last committed transaction ids, so a rejoined member counts only once caught up.
 */
@Component
class HealthGates {

    /** How a wait ended. */
    enum Outcome { MET, TIMED_OUT, CANCELLED }

    record Wait(Outcome outcome, String reason) {
    }

    static final String TX_QUERY = "CALL dbms.queryJmx('org.neo4j:instance=kernel#0,name=Transactions') YIELD attributes "
            + "RETURN attributes.LastCommittedTxId.value AS txId";

    private final MembershipView membership;
    private final BoltGateway bolt;
    private final RunTargets targets;
    private final Clock clock;
    private final RunProperties properties;

    HealthGates(MembershipView membership, BoltGateway bolt, RunTargets targets, Clock clock, RunProperties properties) {
        this.membership = membership;
        this.bolt = bolt;
        this.targets = targets;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Polls {@code condition} on snapshots newer than the start of the wait until it is met, {@code cancelled} says
     * stop (the run was paused or aborted), or {@code timeout} passes. {@code waiting} hears each new reason.
     */
    Wait await(Function<MembershipSnapshot, Optional<String>> condition, boolean mustReach, Duration timeout,
               Consumer<String> waiting, BooleanSupplier cancelled, Long clusterId) {
        Instant since = clock.instant();
        Instant deadline = since.plus(timeout);
        String last = null;
        while (true) {
            MembershipSnapshot s = membership.current(clusterId);
            Optional<String> reason = ClusterChecks.fresh(s, since, mustReach);
            if (reason.isEmpty()) reason = condition.apply(s);
            if (reason.isEmpty()) return new Wait(Outcome.MET, null);
            if (!reason.get().equals(last)) {
                last = reason.get();
                waiting.accept(last);
            }
            if (cancelled.getAsBoolean()) return new Wait(Outcome.CANCELLED, last);
            if (!clock.instant().isBefore(deadline)) {
                return new Wait(Outcome.TIMED_OUT, "not met after " + timeout.toSeconds() + " s: " + last);
            }
            sleep(properties.gatePoll());
        }
    }

    /**
     * A member's version: the monitor's when it already reads the target, else asked of the member itself (the
     * monitor re-reads a version only when a member rejoins or on its refresh period).
     */
    Function<String, String> versions(RunContext ctx, MembershipSnapshot s) {
        return address -> {
            String seen = s.member(address).map(MemberState::version).orElse(null);
            if (ctx.targetVersion().equals(seen)) return seen;
            try {
                return bolt.components(targets.bolt(ctx.clusterId(), address)).stream()
                        .filter(c -> "Neo4j Kernel".equals(c.name())).map(Neo4jComponent::version).findFirst().orElse(seen);
            } catch (Neo4jUnavailableException e) {
                return seen;
            }
        };
    }

    /** Empty when {@code member} has committed as far as the leader had (within the tolerance); else why not. */
    Optional<String> caughtUp(RunContext ctx, MembershipSnapshot s, String member) {
        if (!properties.checkCatchUp()) return Optional.empty();
        Optional<MemberState> leader = s.leader();
        if (leader.isEmpty()) return Optional.of("no leader to compare " + member + "'s transactions with");
        if (leader.get().address().equalsIgnoreCase(member)) return Optional.empty();
        try {
            long leaderTx = lastTx(ctx, leader.get().address());
            long memberTx = lastTx(ctx, member);   // read second: a member caught up has at least what the leader had
            if (memberTx + properties.catchUpTolerance() < leaderTx) {
                return Optional.of(member + " has committed up to transaction " + memberTx + ", the leader "
                        + leader.get().address() + " up to " + leaderTx + "; waiting for it to catch up");
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("cannot read the last committed transaction id to compare " + member + " with the leader: "
                    + e.getMessage());
        }
    }

    private long lastTx(RunContext ctx, String address) {
        List<Map<String, Object>> rows = bolt.query(targets.bolt(ctx.clusterId(), address), TX_QUERY, Map.of(), false);
        Object value = rows.isEmpty() ? null : rows.get(0).get("txId");
        if (!(value instanceof Number n)) {
            throw new IllegalStateException(address + " returned no LastCommittedTxId (" + rows + ")");
        }
        return n.longValue();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(10, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cluster", e);
        }
    }
}
