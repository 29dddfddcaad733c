package dev.upshift.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import jakarta.annotation.PreDestroy;

/**
 * The background membership monitor. Each registered cluster is polled once per interval no matter how many
 * browsers watch it (the browsers get the result over SSE); a cluster with an active run is polled faster. The
 * latest snapshot of every cluster is kept in memory for the pages and for the run engine's health gates; each
 * change is written to the change log and published as {@link MembershipChanged}.
 */
@Service
public class ClusterMonitor implements MembershipView {

    private static final Logger log = LoggerFactory.getLogger(ClusterMonitor.class);

    private final MonitoredClusters clusters;
    private final MembershipPoller poller;
    private final MembershipChangeRepository changes;
    private final ApplicationEventPublisher events;
    private final MonitorProperties properties;
    private final Clock clock;

    private final Map<Long, MembershipSnapshot> current = new ConcurrentHashMap<>();
    private final Map<Long, Instant> nextPoll = new ConcurrentHashMap<>();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<Long> closelyWatched = ConcurrentHashMap.newKeySet();
    private final AtomicLong polls = new AtomicLong();
    private final ExecutorService workers = Executors.newFixedThreadPool(8, new org.springframework.scheduling.concurrent.CustomizableThreadFactory("monitor-"));

    ClusterMonitor(MonitoredClusters clusters, MembershipPoller poller, MembershipChangeRepository changes,
                   ApplicationEventPublisher events, MonitorProperties properties, Clock clock) {
        this.clusters = clusters;
        this.poller = poller;
        this.changes = changes;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Starts the polls that are due; a poll still running is never started twice. */
    @Scheduled(fixedDelayString = "${upshift.monitor.tick:250ms}")
    void tick() {
        Instant now = clock.instant();
        List<MonitoredCluster> all = clusters.all();
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        for (MonitoredCluster cluster : all) {
            ids.add(cluster.id());
            if (now.isBefore(nextPoll.getOrDefault(cluster.id(), Instant.MIN)) || !inFlight.add(cluster.id())) {
                continue;
            }
            nextPoll.put(cluster.id(), now.plus(intervalOf(cluster.id())));
            workers.submit(() -> poll(cluster));
        }
        current.keySet().retainAll(ids);
        nextPoll.keySet().retainAll(ids);
    }

    private void poll(MonitoredCluster cluster) {
        try {
            MembershipSnapshot before = current.getOrDefault(cluster.id(), MembershipSnapshot.unknown(cluster.id()));
            MembershipSnapshot after = poller.poll(cluster, before, closelyWatched.contains(cluster.id()));
            polls.incrementAndGet();
            List<MembershipChange> diff = MembershipDiff.between(before, after, after.polledAt());
            current.put(cluster.id(), after);
            if (!diff.isEmpty()) {
                changes.saveAll(diff);
                events.publishEvent(new MembershipChanged(after, diff));
            }
        } catch (RuntimeException e) {
            log.warn("Polling cluster {} failed: {}", cluster.id(), e.toString());
            // said as the cluster's state, so a gate or pre-flight waiting on it reads why instead of "not polled yet"
            MembershipSnapshot before = current(cluster.id());
            current.put(cluster.id(), new MembershipSnapshot(cluster.id(), clock.instant(), false, null,
                    "polling failed: " + e.getMessage(), before.members()));
        } finally {
            inFlight.remove(cluster.id());
        }
    }

    private Duration intervalOf(Long clusterId) {
        return closelyWatched.contains(clusterId) ? properties.activeInterval() : properties.interval();
    }

    @Override
    public MembershipSnapshot current(Long clusterId) {
        return current.getOrDefault(clusterId, MembershipSnapshot.unknown(clusterId));
    }

    /** The run engine asks for faster polls while a run is active on the cluster. */
    public void watchClosely(Long clusterId, boolean closely) {
        if (closely) {
            closelyWatched.add(clusterId);
            nextPoll.remove(clusterId);
        } else {
            closelyWatched.remove(clusterId);
        }
    }

    /** The poll period in force for a cluster (shown on the page, reported by the benchmark). */
    public Duration interval(Long clusterId) {
        return intervalOf(clusterId);
    }

    /** How many polls completed since start (for the fan-out benchmark: polls, not subscribers, drive Bolt traffic). */
    public long completedPolls() {
        return polls.get();
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
