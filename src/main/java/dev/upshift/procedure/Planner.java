package dev.upshift.procedure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a cluster, a target version and a method into the concrete, ordered plan of Operations Manual 5.3.
 *
 * <p>It first applies the path rules ({@link UpgradePaths}) and refuses what the manual does not allow, with the
 * manual's reason and the supported route ({@link PlanRefusedException}). Then it lays the manual's steps out for
 * this cluster: the pre-upgrade steps on every server; per server for a rolling upgrade (followers first, the leader
 * last, read replicas after the cores: {@link RollingOrder}); for an offline upgrade the documented sections in order
 * (all servers stopped, the seed core, the other cores, cores started, each read replica); and the full backup after.
 * Each step carries the manual's text, who acts, the exact commands for that server (tarball or package, sudo,
 * data inside or outside NEO4J_HOME), what verifies it, whether it can be retried, and for conditional steps the
 * reason they are skipped. Prepared confs are installed as files (uploaded, then copied into place) rather than
 * edited with {@code sed}: what runs is byte for byte what the operator reviewed and accepted.
 *
 * <p>Pure: no I/O, no clock. The same request gives the same plan.
 */
public final class Planner {

    private final ProcedureCatalogue catalogue;
    private final UpgradePaths paths;
    private final VersionTable versions;

    public Planner(ProcedureCatalogue catalogue, VersionTable versions) {
        this.catalogue = catalogue;
        this.versions = versions;
        this.paths = new UpgradePaths(versions);
    }

    public static Planner standard() {
        return new Planner(ProcedureCatalogue.standard(), VersionTable.standard());
    }

    /** Which methods may take a cluster from source to target, for the wizard (one answer per method). */
    public List<Eligibility> eligibility(Neo4jVersion source, Neo4jVersion target) {
        return paths.eligibility(source, target);
    }

    /** The plan, or a {@link PlanRefusedException} saying why not and what to do instead. */
    public Plan plan(PlanRequest request) {
        List<String> advisories = new ArrayList<>(paths.require(request.source(), request.target(), request.method()));
        if (request.servers().stream().anyMatch(s -> s.installType() == InstallType.TARBALL)) {
            // The manual's tarball steps carry over neo4j.conf and data only.
            advisories.add("A tarball upgrade unpacks a fresh NEO4J_HOME: put plugins built for " + request.target()
                    + " into its plugins directory, and copy certificates (and anything else the conf points to inside "
                    + "the old NEO4J_HOME) before starting it; the manual's steps carry over only neo4j.conf and data.");
        }
        if (request.method().isRolling()) {
            advisories.add("Leadership moves during a rolling upgrade: the order (followers, then the leader, then read "
                    + "replicas) uses the roles known now and is re-checked before each core's phase.");
        }
        checkTopology(request);
        PlanContext ctx = new PlanContext(catalogue, request, commands(request));
        List<PlanPhase> phases = new ArrayList<>();
        phases.add(new PrePostSteps(ctx).pre());
        String seed = null;
        switch (request.method()) {
            case ROLLING_FIXED -> phases.addAll(new RollingSteps(ctx).fixed());
            case ROLLING_REPLACEABLE -> phases.addAll(new RollingSteps(ctx).replaceable());
            case OFFLINE -> {
                seed = ctx.seed().id();
                phases.addAll(new OfflineSteps(ctx).phases());
            }
        }
        phases.add(new PrePostSteps(ctx).post());
        List<String> acks = request.method().isRolling() ? List.of("no-downgrade", "write-load") : List.of("no-downgrade");
        String format = versions.lineOf(request.target()).orElseThrow().storeFormatLabel();
        return new Plan(request.method(), request.source(), request.target(), format, seed, phases, acks, advisories,
                confs(ctx, seed));
    }

    /** Every server that gets a new conf, and from whose current conf it is derived. */
    private static List<ConfToPrepare> confs(PlanContext ctx, String seed) {
        List<ConfToPrepare> confs = new ArrayList<>();
        for (ServerSpec s : ctx.rollingOrder()) {
            ServerSpec target = ctx.request.replacements().getOrDefault(s.id(), s);
            if (s.id().equals(seed)) {
                confs.add(new ConfToPrepare(s.id(), ConfVariant.SEED_UPGRADE, s.role(), s.address(), s.id(), s.address()));
            }
            confs.add(new ConfToPrepare(target.id(), ConfVariant.FINAL, target.role(), target.address(), s.id(), s.address()));
        }
        return confs;
    }

    private static Map<String, ServerCommands> commands(PlanRequest r) {
        Map<String, ServerCommands> all = new LinkedHashMap<>();
        List<ServerSpec> every = new ArrayList<>(r.servers());
        every.addAll(r.replacements().values());
        for (ServerSpec s : every) {
            InstallDetails details = r.install().getOrDefault(s.id(), InstallDetails.packaged());
            all.put(s.id(), new ServerCommands(s, details, r.target(), r.stagingDir()));
        }
        return all;
    }

    private static void checkTopology(PlanRequest r) {
        if (r.servers().stream().noneMatch(ServerSpec::isCore)) {
            throw invalid("The cluster has no core server: a Causal Cluster needs cores.");
        }
        if (r.servers().stream().filter(s -> s.role() == ServerRole.LEADER).count() > 1) {
            throw invalid("More than one server is marked LEADER: refresh the roles from dbms.cluster.overview().");
        }
        Set<String> ids = new HashSet<>();
        List<ServerSpec> every = new ArrayList<>(r.servers());
        every.addAll(r.replacements().values());
        for (ServerSpec s : every) {
            if (!ids.add(s.id())) throw invalid("Server id " + s.id() + " appears twice.");
            if (s.installType() == InstallType.TARBALL) {
                InstallDetails d = r.install().get(s.id());
                if (d == null || d.archive() == null || d.newHome() == null) {
                    throw invalid("No new tarball given for " + s.id() + ": a tarball install needs the path of the "
                            + r.target() + " archive on the server and the new NEO4J_HOME to unpack it into.");
                }
            }
        }
        if (r.method() == Method.ROLLING_REPLACEABLE) checkReplacements(r);
        if (r.method() == Method.OFFLINE && r.seedId() != null) {
            boolean core = r.servers().stream().anyMatch(s -> s.id().equals(r.seedId()) && s.isCore());
            if (!core) {
                throw new PlanRefusedException(RefusalCode.INVALID_SEED, "The seed " + r.seedId()
                        + " is not a core server of this cluster: the store upgrade runs on a core (5.3.3 2).",
                        "Choose one of the cores, or leave the seed empty for the first core by address.");
            }
        }
    }

    private static void checkReplacements(PlanRequest r) {
        if (r.replacements().isEmpty()) {
            throw new PlanRefusedException(RefusalCode.REPLACEMENTS_MISSING, "A rolling upgrade on replaceable resources "
                    + "sets up a new instance to replace each existing one (5.3.2.2 1), and no replacement servers were given.",
                    "Give one replacement server per member (" + r.servers().size() + "), or choose rolling-fixed.");
        }
        List<String> missing = r.servers().stream().map(ServerSpec::id)
                .filter(id -> !r.replacements().containsKey(id)).toList();
        Set<String> unknown = new HashSet<>(r.replacements().keySet());
        r.servers().forEach(s -> unknown.remove(s.id()));
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new PlanRefusedException(RefusalCode.REPLACEMENTS_MISMATCH, "Each member needs exactly one replacement: "
                    + r.replacements().size() + " given for " + r.servers().size() + " members"
                    + (missing.isEmpty() ? "" : "; none for " + String.join(", ", missing))
                    + (unknown.isEmpty() ? "" : "; not members: " + String.join(", ", unknown.stream().sorted().toList())) + ".",
                    "Give one replacement per member, keyed by the member it replaces.");
        }
        for (Map.Entry<String, ServerSpec> e : r.replacements().entrySet()) {
            ServerSpec old = r.servers().stream().filter(s -> s.id().equals(e.getKey())).findFirst().orElseThrow();
            if (old.isCore() != e.getValue().isCore()) {
                throw new PlanRefusedException(RefusalCode.REPLACEMENTS_MISMATCH, "The replacement " + e.getValue().id()
                        + " for " + old.id() + " has another kind of role: a core is replaced by a core, a read replica by "
                        + "a read replica (no architecture changes during an upgrade, 5.3.1 Limitations).",
                        "Give " + old.id() + " a replacement with the same role.");
            }
        }
    }

    private static PlanRefusedException invalid(String reason) {
        return new PlanRefusedException(RefusalCode.INVALID_TOPOLOGY, reason, null);
    }
}
