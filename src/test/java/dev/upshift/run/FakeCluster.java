package dev.upshift.run;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.upshift.monitor.MemberState;
import dev.upshift.monitor.MembershipSnapshot;
import dev.upshift.monitor.MembershipView;
import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.neo4j.BoltGateway;
import dev.upshift.neo4j.ClusterMember;
import dev.upshift.neo4j.Neo4jComponent;
import dev.upshift.neo4j.Neo4jUnavailableException;
import dev.upshift.remote.ExecResult;
import dev.upshift.remote.OutputLine;
import dev.upshift.remote.OutputListener;
import dev.upshift.remote.SshGateway;
import dev.upshift.remote.SshTarget;

/**
 * A small simulated Causal Cluster behind the gateway interfaces: {@code bin/neo4j stop} takes a member out of the
 * overview (the leader's stop elects another core), {@code <home>/bin/neo4j start} brings it back on the version
 * its home is named after, and the monitor view and Bolt answer from that state. Files are tracked as far as the
 * checks need ({@link FakeFiles}). Failures can be scripted per host and command. It also records what ran and the
 * lowest number of cores ever present.
 */
class FakeCluster implements SshGateway, BoltGateway, MembershipView, RunTargets {

    /** {@code wrapped}: the gateway was asked to run it through {@code sudo -n sh -c}. */
    record Exec(String host, String command, boolean wrapped) {
    }

    private static final Pattern START = Pattern.compile("(\\S+)/bin/neo4j start");
    private static final Pattern VERSION = Pattern.compile("neo4j-enterprise-(\\d+\\.\\d+\\.\\d+)");

    final Map<String, String> roles = new ConcurrentHashMap<>();    // host -> LEADER/FOLLOWER/READ_REPLICA (up)
    final Map<String, String> versions = new ConcurrentHashMap<>(); // host -> version
    final Map<String, Boolean> cores = new ConcurrentHashMap<>();   // host -> is core
    final Map<String, Integer> failures = new ConcurrentHashMap<>(); // "host|substring" -> exit code
    final Map<String, Runnable> hooks = new ConcurrentHashMap<>();   // "host|substring" -> runs after the command
    final List<Exec> execs = new CopyOnWriteArrayList<>();
    final Map<String, byte[]> uploads = new ConcurrentHashMap<>();   // "host:path" -> content (uploaded or cp'ed)
    final FakeFiles files = new FakeFiles(uploads);
    final Map<String, String> relocations = new ConcurrentHashMap<>(); // host -> "home|conf|data" the registry follows
    volatile int minCoresPresent = Integer.MAX_VALUE;
    volatile boolean unreachable;

    FakeCluster core(String host, String role, String version) {
        roles.put(host, role);
        versions.put(host, version);
        cores.put(host, true);
        return this;
    }

    /** A host with no Neo4j running yet, which will run a core when started (a replacement, 5.3.2.2). */
    FakeCluster spareCore(String host) {
        cores.put(host, true);
        return this;
    }

    FakeCluster replica(String host, String version) {
        roles.put(host, "READ_REPLICA");
        versions.put(host, version);
        cores.put(host, false);
        return this;
    }

    void fail(String host, String commandPart, int exitCode) {
        failures.put(host + "|" + commandPart, exitCode);
    }

    void heal() {
        failures.clear();
    }

    void after(String host, String commandPart, Runnable hook) {
        hooks.put(host + "|" + commandPart, hook);
    }

    void reset() {
        roles.clear();
        versions.clear();
        cores.clear();
        failures.clear();
        hooks.clear();
        execs.clear();
        uploads.clear();
        files.reset();
        relocations.clear();
        minCoresPresent = Integer.MAX_VALUE;
        unreachable = false;
    }

    List<String> commandsOn(String host) {
        return execs.stream().filter(e -> e.host().equals(host)).map(Exec::command).toList();
    }

    /** The hosts in the order their member was stopped. */
    List<String> stopOrder() {
        return execs.stream().filter(e -> e.command().endsWith("/bin/neo4j stop")).map(Exec::host).toList();
    }

    // ---- SSH ----

    @Override
    public String fetchHostKeyFingerprint(String host, int port) {
        return "SHA256:fake";
    }

    @Override
    public synchronized ExecResult exec(SshTarget target, String command, Duration timeout, OutputListener listener) {
        String host = target.host();
        execs.add(new Exec(host, command, target.useSudo()));
        List<OutputLine> lines = new ArrayList<>();
        for (Map.Entry<String, Integer> f : failures.entrySet()) {
            String[] hc = f.getKey().split("\\|", 2);
            if (hc[0].equals(host) && command.contains(hc[1])) {
                line(lines, listener, OutputLine.Stream.STDERR, "simulated failure of `" + hc[1] + "`");
                // as a Java tool fails: its message, then a stack trace longer than the diagnosis keeps
                for (int i = 0; i < 45; i++) {
                    line(lines, listener, OutputLine.Stream.STDERR, "\tat org.example.Tool.step" + i + "(Tool.java:" + i + ")");
                }
                line(lines, listener, OutputLine.Stream.STDERR, "\t... 7 more");
                return new ExecResult(command, f.getValue(), false, lines, Duration.ofMillis(1));
            }
        }
        if (command.endsWith("/bin/neo4j stop")) {
            stop(host);
            line(lines, listener, OutputLine.Stream.STDOUT, "Stopping Neo4j.. stopped");
        } else if (START.matcher(command).find()) {
            Matcher v = VERSION.matcher(command);
            if (v.find()) versions.put(host, v.group(1));
            roles.put(host, !cores.get(host) ? "READ_REPLICA" : roles.containsValue("LEADER") ? "FOLLOWER" : "LEADER");
            line(lines, listener, OutputLine.Stream.STDOUT, "Starting Neo4j. Started neo4j (pid 4242).");
        } else if (files.handles(command)) {
            ExecResult r = files.exec(host, command, l -> line(lines, listener, l.stream(), l.text()));
            if (r.exitCode() != 0) return new ExecResult(command, r.exitCode(), false, lines, Duration.ofMillis(1));
        } else if (command.replace("'", "").endsWith("/bin/neo4j status")) {
            boolean running = roles.containsKey(host);
            line(lines, listener, OutputLine.Stream.STDOUT, running ? "Neo4j is running at pid 4242" : "Neo4j is not running");
            if (!running) return new ExecResult(command, 3, false, lines, Duration.ofMillis(1));
        } else if (command.startsWith("cat ") && command.replace("'", "").endsWith("neo4j.conf")) {
            for (String l : List.of("dbms.mode=CORE", "causal_clustering.initial_discovery_members=10.0.0.1:5000,10.0.0.2:5000,10.0.0.3:5000",
                    "dbms.connectors.default_advertised_address=" + host)) {
                line(lines, listener, OutputLine.Stream.STDOUT, l);
            }
        } else if (command.contains("tail -n")) {
            line(lines, listener, OutputLine.Stream.STDOUT, "== log of " + host);
            line(lines, listener, OutputLine.Stream.STDOUT, "ERROR [o.n.k.i.DiagnosticsManager] simulated log line on " + host);
        }
        for (Map.Entry<String, Runnable> h : hooks.entrySet()) {
            String[] hc = h.getKey().split("\\|", 2);
            if (hc[0].equals(host) && command.contains(hc[1])) h.getValue().run();
        }
        return new ExecResult(command, 0, false, lines, Duration.ofMillis(1));
    }

    private void stop(String host) {
        boolean wasLeader = "LEADER".equals(roles.remove(host));
        if (wasLeader) {
            roles.entrySet().stream().filter(e -> cores.get(e.getKey())).findFirst()
                    .ifPresent(e -> roles.put(e.getKey(), "LEADER"));
        }
        int present = (int) roles.keySet().stream().filter(cores::get).count();
        minCoresPresent = Math.min(minCoresPresent, present);
    }

    private static void line(List<OutputLine> lines, OutputListener listener, OutputLine.Stream stream, String text) {
        OutputLine l = new OutputLine(Instant.now(), stream, text);
        lines.add(l);
        listener.onLine(l);
    }

    @Override
    public void upload(SshTarget target, byte[] content, String remotePath) {
        uploads.put(target.host() + ":" + remotePath, content);
    }

    @Override
    public void upload(SshTarget target, Path localFile, String remotePath) {
        try {
            uploads.put(target.host() + ":" + remotePath, Files.readAllBytes(localFile));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public byte[] download(SshTarget target, String remotePath) {
        return ("file " + remotePath).getBytes();
    }

    @Override
    public void download(SshTarget target, String remotePath, Path localFile) {
        try {
            Files.write(localFile, download(target, remotePath));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- Bolt ----

    @Override
    public List<ClusterMember> overview(BoltEndpoint endpoint) {
        up(endpoint);
        return roles.entrySet().stream().map(e -> new ClusterMember("id-" + e.getKey(),
                List.of("bolt://" + e.getKey() + ":7687"), e.getValue(), List.of(), "default")).toList();
    }

    @Override
    public List<Neo4jComponent> components(BoltEndpoint endpoint) {
        String host = up(endpoint);
        return List.of(new Neo4jComponent("Neo4j Kernel", List.of(versions.get(host)), "enterprise"));
    }

    @Override
    public List<Map<String, Object>> query(BoltEndpoint endpoint, String cypher, Map<String, Object> parameters, boolean write) {
        String host = up(endpoint);
        if (cypher.contains("queryJmx")) return List.of(Map.of("txId", 42L));
        if (cypher.contains("components")) return List.of(Map.of("name", "Neo4j Kernel", "versions", List.of(versions.get(host))));
        return overview(endpoint).stream().map(m -> Map.<String, Object>of("addresses", m.addresses(), "role", m.role())).toList();
    }

    private String up(BoltEndpoint endpoint) {
        String host = endpoint.uri().getHost();
        if (unreachable || !roles.containsKey(host)) throw new Neo4jUnavailableException(host + " is not running", null);
        return host;
    }

    // ---- monitor ----

    @Override
    public MembershipSnapshot current(Long clusterId) {
        if (unreachable) return new MembershipSnapshot(clusterId, Instant.now(), false, null, "simulated outage", List.of());
        List<MemberState> members = new ArrayList<>();
        for (String host : new java.util.TreeSet<>(versions.keySet())) {
            String role = roles.get(host);
            members.add(new MemberState(host, role != null ? role : (cores.get(host) ? "FOLLOWER" : "READ_REPLICA"),
                    versions.get(host), List.of(), "bolt://" + host + ":7687", role != null, Instant.now()));
        }
        return new MembershipSnapshot(clusterId, Instant.now(), true, "fake", null, Collections.unmodifiableList(members));
    }

    // ---- targets ----

    @Override
    public SshTarget ssh(Long clusterId, String address) {
        // registered "with sudo": the plan's own commands carry it, the gateway must not add it again
        return new SshTarget(address, 22, "neo4j", null, "pw", "SHA256:fake", true);
    }

    @Override
    public BoltEndpoint bolt(Long clusterId, String address) {
        return BoltEndpoint.unauthenticated(URI.create("bolt://" + address + ":7687"));
    }

    @Override
    public void relocated(Long clusterId, String address, String neo4jHome, String confDir, String dataDir, Long runId) {
        relocations.put(address, neo4jHome + "|" + confDir + "|" + dataDir);
    }


    Map<String, String> versionsNow() {
        return new LinkedHashMap<>(versions);
    }
}
