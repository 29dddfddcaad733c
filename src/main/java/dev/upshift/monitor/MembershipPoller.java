package dev.upshift.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.BoltGateway;
import dev.upshift.neo4j.ClusterMember;
import dev.upshift.neo4j.Neo4jComponent;
import dev.upshift.neo4j.Neo4jUnavailableException;

/**
 * One poll of one cluster: {@code dbms.cluster.overview()} on the member that answered last (falling back to the
 * others in turn), plus {@code dbms.components()} on a member only when it (re)joined or its version is stale —
 * so a steady cluster costs one query per poll.
 */
@Component
class MembershipPoller {

    private record KnownVersion(String version, Instant readAt) {
    }

    private final BoltGateway bolt;
    private final Clock clock;
    private static final Duration RUN_VERSION_REFRESH = Duration.ofSeconds(5);

    private final Duration versionRefresh;
    private final Map<Long, String> preferredVia = new ConcurrentHashMap<>();
    private final Map<String, KnownVersion> versions = new ConcurrentHashMap<>();

    MembershipPoller(BoltGateway bolt, Clock clock, MonitorProperties properties) {
        this.bolt = bolt;
        this.clock = clock;
        this.versionRefresh = properties.versionRefresh();
    }

    MembershipSnapshot poll(MonitoredCluster cluster, MembershipSnapshot before) {
        return poll(cluster, before, false);
    }

    /**
     * @param duringRun a run is active: versions are re-read every few seconds, because a member restarted between
     *                  two polls keeps its id and would otherwise report its old version until the next refresh
     */
    MembershipSnapshot poll(MonitoredCluster cluster, MembershipSnapshot before, boolean duringRun) {
        Duration refresh = duringRun && versionRefresh.compareTo(RUN_VERSION_REFRESH) > 0 ? RUN_VERSION_REFRESH : versionRefresh;
        List<BoltEndpoint> order = new ArrayList<>(cluster.endpoints());
        String preferred = preferredVia.get(cluster.id());
        order.sort((a, b) -> Boolean.compare(!a.uri().toString().equals(preferred), !b.uri().toString().equals(preferred)));
        List<String> problems = new ArrayList<>();
        for (BoltEndpoint endpoint : order) {
            try {
                List<ClusterMember> overview = bolt.overview(endpoint);
                preferredVia.put(cluster.id(), endpoint.uri().toString());
                return snapshot(cluster, before, endpoint, overview, refresh);
            } catch (Neo4jUnavailableException e) {
                problems.add(e.getMessage());
            }
        }
        Instant now = clock.instant();
        List<MemberState> lastKnown = before.members().stream()
                .map(m -> new MemberState(m.address(), m.role(), m.version(), m.groups(), m.boltUri(), false, m.since()))
                .toList();
        return new MembershipSnapshot(cluster.id(), now, false, null,
                problems.isEmpty() ? "No member to ask" : "No member answered: " + String.join("; ", problems), lastKnown);
    }

    private MembershipSnapshot snapshot(MonitoredCluster cluster, MembershipSnapshot before, BoltEndpoint via,
                                        List<ClusterMember> overview, Duration refresh) {
        Instant now = clock.instant();
        Map<String, MemberState> members = new LinkedHashMap<>();
        for (ClusterMember m : overview) {
            MemberState old = before.member(m.host()).orElse(null);
            boolean rejoined = old == null || !old.present();
            String version = version(via, m, rejoined, now, refresh);
            // A read replica restarts under a new id and is listed before its Bolt answers: until it does, it keeps
            // its address's last known version, as a core does, so the version it answers with later is a change.
            if (version == null && old != null) version = old.version();
            Instant since = old != null && old.present() && m.role().equals(old.role()) ? old.since() : now;
            members.put(m.host().toLowerCase(), new MemberState(m.host(), m.role(), version, m.groups(), m.boltAddress(), true, since));
        }
        for (MonitoredCluster.ExpectedServer expected : cluster.expected()) {
            if (!members.containsKey(expected.address().toLowerCase())) {
                MemberState old = before.member(expected.address()).orElse(null);
                Instant since = old != null && !old.present() ? old.since() : now;
                members.put(expected.address().toLowerCase(), new MemberState(expected.address(),
                        old != null ? old.role() : expected.role(), old != null ? old.version() : null,
                        old != null ? old.groups() : List.of(), old != null ? old.boltUri() : null, false, since));
            }
        }
        return new MembershipSnapshot(cluster.id(), now, true, via.uri().toString(), null, List.copyOf(members.values()));
    }

    private String version(BoltEndpoint via, ClusterMember member, boolean rejoined, Instant now, Duration refresh) {
        String key = member.id();
        KnownVersion known = versions.get(key);
        if (!rejoined && known != null && known.readAt().plus(refresh).isAfter(now)) {
            return known.version();
        }
        if (member.boltAddress() == null) {
            return known == null ? null : known.version();
        }
        try {
            String version = bolt.components(via.at(java.net.URI.create(member.boltAddress()))).stream()
                    .filter(c -> "Neo4j Kernel".equals(c.name())).map(Neo4jComponent::version).findFirst().orElse(null);
            versions.put(key, new KnownVersion(version, now));
            return version;
        } catch (Neo4jUnavailableException e) {
            return known == null ? null : known.version();
        }
    }
}
