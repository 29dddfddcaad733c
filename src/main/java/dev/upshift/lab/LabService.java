package dev.upshift.lab;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.BoltGateway;
import dev.upshift.neo4j.ClusterMember;
import dev.upshift.neo4j.Neo4jUnavailableException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The rehearsal lab as the panel offers it: creates practice clusters in the background with live progress,
 * announces them ({@link LabClusterReady}) so the cluster registry registers them like any cluster, and tears them
 * down ({@link LabClusterRemoved}).
 *
 * <p>State is kept in memory on purpose: a lab cluster is a set of processes of this panel, and the panel kills
 * them all when it stops (and sweeps leftovers when it starts), so a persisted record would describe nothing.
 * Creations run one at a time: on a small machine two clusters forming at once would each take twice as long.
 */
@Service
public class LabService {

    private static final Logger log = LoggerFactory.getLogger(LabService.class);

    private final LabClusterManager manager;
    private final BoltGateway bolt;
    private final ApplicationEventPublisher events;
    private final Map<String, LabClusterState> states = new ConcurrentHashMap<>();
    private final ExecutorService creator = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "upshift-lab-create");
        t.setDaemon(true);
        return t;
    });

    public LabService(LabClusterManager manager, BoltGateway bolt, ApplicationEventPublisher events) {
        this.manager = manager;
        this.bolt = bolt;
        this.events = events;
    }

    /** Checks the request now (bad input answers at once), then builds the cluster in the background. */
    public LabClusterView create(LabClusterRequest request) {
        manager.check(request);
        String id = "lab-" + UUID.randomUUID().toString().substring(0, 8);
        LabClusterState state = new LabClusterState(id, request);
        state.step("Queued: Neo4j " + request.version() + ", " + request.cores() + " cores + " + request.readReplicas() + " read replicas");
        states.put(id, state);
        creator.submit(() -> build(state));
        return state.view(plannedMembers(state));
    }

    private void build(LabClusterState state) {
        if (!states.containsKey(state.id)) {
            return; // deleted while queued
        }
        try {
            LabCluster cluster = manager.create(state.id, state.request, state::step);
            if (!states.containsKey(state.id)) {
                manager.destroy(state.id);
                return;
            }
            state.ready(cluster);
            events.publishEvent(LabClusterReady.of(cluster));
        } catch (RuntimeException e) {
            log.warn("Lab cluster {} failed: {}", state.id, e.getMessage());
            state.failed(e.getMessage());
        }
    }

    public Optional<LabClusterView> find(String id) {
        return Optional.ofNullable(states.get(id)).map(s -> s.view(members(s)));
    }

    public List<LabClusterView> list() {
        return states.values().stream()
                .sorted(Comparator.comparing((LabClusterState s) -> s.createdAt).reversed())
                .map(s -> s.view(members(s))).toList();
    }

    /** Tears the cluster down (also while it is still starting); false when there is no such lab cluster. */
    public boolean delete(String id) {
        LabClusterState state = states.remove(id);
        if (state == null) {
            return false;
        }
        boolean wasReady = state.status() == LabStatus.READY;
        manager.destroy(id);
        if (wasReady) {
            events.publishEvent(new LabClusterRemoved(id));
        }
        return true;
    }

    public List<String> versions() {
        return manager.versions();
    }

    @EventListener
    void onRegistered(LabClusterRegistered registered) {
        LabClusterState state = states.get(registered.labId());
        if (state != null) {
            state.registered(registered.clusterId());
        }
    }

    @PreDestroy
    void stop() {
        creator.shutdownNow();
        manager.close();
    }

    private List<LabClusterView.MemberView> members(LabClusterState state) {
        LabCluster cluster = state.cluster();
        if (cluster == null) {
            return plannedMembers(state);
        }
        Map<String, String> roles = liveRoles(cluster);
        List<LabMember> spares = cluster.spares();
        // a spare that replaced a member is in the overview like any member; one that did not is shown as SPARE
        return cluster.hosts().stream().map(m -> new LabClusterView.MemberView(m.address(),
                roles.getOrDefault(m.address(), spares.contains(m) ? "SPARE"
                        : state.status() == LabStatus.READY ? "UNREACHABLE" : m.role().name()),
                m.bolt().toString(), m.sshPort())).toList();
    }

    /** While starting: the hosts built so far, with their configured mode. */
    private List<LabClusterView.MemberView> plannedMembers(LabClusterState state) {
        return manager.find(state.id).map(c -> c.members().stream().map(m -> new LabClusterView.MemberView(
                m.address(), m.role().name(), m.bolt().toString(), m.sshPort())).toList()).orElse(List.of());
    }

    private Map<String, String> liveRoles(LabCluster cluster) {
        // after a rolling upgrade on replaceable resources the cores answering are former spares
        for (LabMember core : cluster.hosts().stream().filter(LabMember::isCore).toList()) {
            try {
                Map<String, String> roles = new HashMap<>();
                // the gateway bounds every call, so a half-started member cannot hang the page
                List<ClusterMember> overview = bolt.overview(BoltEndpoint.unauthenticated(core.bolt()));
                for (ClusterMember m : overview) {
                    roles.put(m.host(), m.role());
                }
                return roles;
            } catch (Neo4jUnavailableException e) {
                // ask the next core
            }
        }
        return Map.of();
    }
}
