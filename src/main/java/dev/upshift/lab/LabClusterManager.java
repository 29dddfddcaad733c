package dev.upshift.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.upshift.lab.dist.DistributionBuilder;
import dev.upshift.lab.dist.Neo4jArtifactResolver;
import dev.upshift.lab.host.LabKeys;
import dev.upshift.lab.host.LabSshServer;
import dev.upshift.neo4j.BoltGateway;
import dev.upshift.remote.ExecResult;
import dev.upshift.remote.SshGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * Builds, starts and tears down lab clusters: real Neo4j Enterprise members, each on its own loopback address with
 * its own SSH server, installed and started over that SSH server with the distribution's own {@code bin/neo4j}.
 *
 * <p>Nothing may outlive the lab: {@link #destroy} stops members with SIGTERM and then SIGKILL, a JVM shutdown hook
 * does the same for every cluster still up, and {@link #sweep} kills processes a crashed previous run left behind
 * (found by the marker on their command line). A create that fails on the way removes what it had built.
 */
public class LabClusterManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LabClusterManager.class);

    private final LabProperties props;
    private final Path root;
    private final SshGateway ssh;
    private final Neo4jArtifactResolver resolver;
    private final DistributionBuilder distributions;
    private final LoopbackAddresses addresses;
    private final FormationWatcher formation;
    private final LabHosts hosts;
    private final Map<String, LabCluster> clusters = new ConcurrentHashMap<>();
    private final Map<String, List<String>> reserved = new ConcurrentHashMap<>();
    private final Thread shutdownHook;
    private LabKeys keys;

    public LabClusterManager(LabProperties props, SshGateway ssh, BoltGateway bolt) {
        this.props = props;
        this.root = props.root().toAbsolutePath().normalize();
        this.ssh = ssh;
        this.resolver = new Neo4jArtifactResolver(props.localRepository(), props.mavenRepository());
        this.distributions = new DistributionBuilder(root.resolve("dist"), resolver, props.stopGracePeriod());
        this.addresses = new LoopbackAddresses(props.addressBase(), props.addressCount(), props.sshPort());
        this.formation = new FormationWatcher(bolt, props.formationTimeout());
        this.hosts = new LabHosts(props, root, ssh, this::keys);
        this.shutdownHook = new Thread(this::destroyAll, "upshift-lab-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private synchronized LabKeys keys() {
        if (keys == null) {
            keys = LabKeys.loadOrCreate(root.resolve("keys"));
        }
        return keys;
    }

    /**
     * The {@code neo4j-enterprise-<version>-unix.tar.gz} the lab builds (cached after the first use), e.g. the target
     * version of a rehearsed upgrade, to be copied to a lab host like a downloaded tarball.
     */
    public Path distribution(String version, Consumer<String> progress) {
        return distributions.tarball(version, progress);
    }

    /** A cluster being built or running, by lab id. */
    public java.util.Optional<LabCluster> find(String labId) {
        return java.util.Optional.ofNullable(clusters.get(labId));
    }

    public List<String> versions() {
        return props.versions();
    }

    public Path root() {
        return root;
    }

    public List<LabCluster> clusters() {
        return List.copyOf(clusters.values());
    }

    /** Checks a request's shape and that its version exists (cheap once cached); throws {@link LabException}. */
    public void check(LabClusterRequest request) {
        request.validate(props.maxMembers());
        if (!Files.isRegularFile(distributions.tarballPath(request.version()))) {
            resolver.requireExists(request.version());
        }
    }

    /**
     * Creates and starts a cluster, reporting each step to {@code progress}; returns once every member is in the
     * overview with one leader. On any failure everything built so far is removed before the exception leaves.
     */
    public LabCluster create(String labId, LabClusterRequest request, Consumer<String> progress) {
        request.validate(props.maxMembers());
        List<String> hostAddresses = addresses.reserve(request.hosts());
        reserved.put(labId, hostAddresses);
        Path directory = root.resolve("clusters").resolve(labId);
        LabCluster cluster = new LabCluster(labId, request, directory, props.sshUser(), keys());
        clusters.put(labId, cluster);
        try {
            Path tarball = distributions.tarball(request.version(), progress);
            int n = request.members();
            for (int i = 0; i < n; i++) {
                cluster.requireNotRemoved();
                LabMember.Role role = i < request.cores() ? LabMember.Role.CORE : LabMember.Role.READ_REPLICA;
                progress.accept("Preparing host " + (i + 1) + " of " + n + " (" + hostAddresses.get(i) + ", SSH server, unpacking Neo4j)");
                hosts.addMember(cluster, i + 1, hostAddresses.get(i), role, tarball);
            }
            for (int i = 0; i < request.spares(); i++) {
                cluster.requireNotRemoved();
                String address = hostAddresses.get(n + i);
                progress.accept("Preparing spare host " + (i + 1) + " of " + request.spares() + " (" + address + ", SSH server only)");
                hosts.addSpare(cluster, n + i + 1, address, cluster.members().get(i).role());
            }
            for (LabMember m : cluster.members()) {
                hosts.writeConf(cluster, m);
            }
            for (LabMember m : cluster.members()) {
                cluster.requireNotRemoved();
                progress.accept("Starting member " + m.number() + " of " + n + " (" + m.address() + ", " + m.role() + ")");
                ExecResult started = ssh.exec(cluster.sshTarget(m), m.neo4jHome().resolve("bin/neo4j") + " start", Duration.ofSeconds(60));
                if (!started.succeeded()) {
                    throw new LabException("Member " + m.number() + " (" + m.address() + ") did not start: "
                            + started.summary() + "\n" + started.stdout() + started.stderr());
                }
            }
            progress.accept("Waiting for the cluster to form (every member in dbms.cluster.overview(), one LEADER)");
            Instant waitStarted = Instant.now();
            formation.await(cluster);
            cluster.formed(Duration.between(waitStarted, Instant.now()));
            log.info("Lab cluster {} formed in {} s", cluster, cluster.formationTime().toSeconds());
            UpgradeTargets.stage(cluster, props.versions(), distributions, progress);
            return cluster;
        } catch (RuntimeException e) {
            log.warn("Creating lab cluster {} failed, removing what was built: {}", labId, e.getMessage());
            clusters.remove(labId);
            teardown(labId, cluster);
            throw e;
        }
    }

    /** Stops every process of the cluster (SIGTERM, SIGKILL after the grace period), its SSH servers, and deletes its files. */
    public void destroy(String labId) {
        teardown(labId, clusters.remove(labId));
    }

    /** Works on the cluster object itself, so hosts a concurrent create added after removal are closed too. */
    private void teardown(String labId, LabCluster cluster) {
        if (cluster != null) {
            cluster.markRemoved();
        }
        List<Long> pids = new ArrayList<>(LabProcesses.ofLab(root, labId));
        if (cluster != null) {
            for (LabMember m : cluster.hosts()) {
                readPid(m.pidFile()).filter(p -> !pids.contains(p)).ifPresent(pids::add);
            }
        }
        LabProcesses.terminate(pids, props.stopGracePeriod());
        if (cluster != null) {
            for (LabSshServer server : cluster.servers()) {
                try {
                    server.close();
                } catch (RuntimeException e) {
                    log.warn("Closing a lab SSH server failed: {}", e.getMessage());
                }
            }
        }
        FileSystemUtils.deleteRecursively(root.resolve("clusters").resolve(labId).toFile());
        List<String> held = reserved.remove(labId);
        if (held != null) {
            addresses.release(held);
        }
        log.info("Lab cluster {} removed ({} processes stopped)", labId, pids.size());
    }

    /** Tears every cluster down (panel stop, test end, JVM shutdown). */
    public void destroyAll() {
        for (String id : List.copyOf(clusters.keySet())) {
            try {
                destroy(id);
            } catch (RuntimeException e) {
                log.error("Tearing down lab cluster {} failed", id, e);
            }
        }
    }

    /** Kills lab processes a previous run of this lab root left behind and removes their directories. */
    public void sweep() {
        List<Long> strays = LabProcesses.underRoot(root).stream()
                .filter(pid -> clusters.keySet().stream().noneMatch(id -> LabProcesses.ofLab(root, id).contains(pid)))
                .toList();
        if (!strays.isEmpty()) {
            log.warn("Stopping {} lab processes left over from a previous run: {}", strays.size(), strays);
            LabProcesses.terminate(strays, props.stopGracePeriod());
        }
        Path dir = root.resolve("clusters");
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                entries.filter(p -> !clusters.containsKey(p.getFileName().toString()))
                        .forEach(p -> FileSystemUtils.deleteRecursively(p.toFile()));
            } catch (IOException e) {
                log.warn("Cannot clean {}: {}", dir, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or ran
        }
    }

    static java.util.Optional<Long> readPid(Path pidFile) {
        try {
            return java.util.Optional.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
