package dev.upshift.run;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.upshift.audit.AuditLog;
import dev.upshift.cluster.ClusterDetails;
import dev.upshift.cluster.ClusterService;
import dev.upshift.cluster.Neo4jAuth;
import dev.upshift.procedure.Eligibility;
import dev.upshift.procedure.InstallDetails;
import dev.upshift.procedure.InstallType;
import dev.upshift.procedure.Method;
import dev.upshift.procedure.Neo4jVersion;
import dev.upshift.procedure.Plan;
import dev.upshift.procedure.PlanPhase;
import dev.upshift.procedure.PlanRequest;
import dev.upshift.procedure.PlannedStep;
import dev.upshift.procedure.Planner;
import dev.upshift.procedure.ServerRole;
import dev.upshift.procedure.ServerSpec;
import dev.upshift.procedure.SkipReason;
import dev.upshift.procedure.UpgradePaths;
import dev.upshift.security.CurrentActor;
import dev.upshift.security.Roles;

/**
 * Plans runs: reads the cluster (registry + what it reports now), asks the {@link Planner} for the plan and stores
 * it as a PLANNED run with its steps. Nothing is executed here.
 */
@Service
public class RunPlanning {

    private final ClusterService clusters;
    private final ClusterFacts facts;
    private final RunRepository runs;
    private final RunStepRepository steps;
    private final RunServerRepository servers;
    private final StepCommands commands;
    private final RunQueries queries;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RunProperties properties;
    private final Planner planner = Planner.standard();
    private final UpgradePaths paths = UpgradePaths.standard();

    RunPlanning(ClusterService clusters, ClusterFacts facts, RunRepository runs, RunStepRepository steps,
                RunServerRepository servers, StepCommands commands, RunQueries queries, AuditLog audit,
                TransactionTemplate tx, Clock clock, RunProperties properties) {
        this.clusters = clusters;
        this.facts = facts;
        this.runs = runs;
        this.steps = steps;
        this.servers = servers;
        this.commands = commands;
        this.queries = queries;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
    }

    /** The cluster's current version and, per method, whether it may take the cluster to {@code target}. */
    public record UpgradeOptions(Long clusterId, String sourceVersion, String targetVersion, List<Eligibility> methods) {
    }

    @PreAuthorize(Roles.ANY_ROLE)
    public UpgradeOptions options(Long clusterId, String targetVersion) {
        ClusterDetails cluster = clusters.get(clusterId);
        Neo4jVersion source = sourceVersion(cluster, facts.read(cluster));
        Neo4jVersion target = parse(targetVersion);
        return new UpgradeOptions(clusterId, source.toString(), target.toString(), paths.eligibility(source, target));
    }

    @PreAuthorize(Roles.ADMIN_OR_OPERATOR)
    public RunView create(CreateRunCommand command) {
        if (command.clusterId() == null) throw new RunRequestException("clusterId is required.");
        Method method = method(command.method());
        RunMode mode = RunMode.fromApiName(command.mode());
        Neo4jVersion target = parse(command.targetVersion());
        ClusterDetails cluster = clusters.get(command.clusterId());
        Map<String, ClusterFacts.ServerFact> now = facts.read(cluster);
        Neo4jVersion source = sourceVersion(cluster, now);
        paths.require(source, target, method);   // refuse before anything is stored

        List<ServerSpec> specs = new ArrayList<>();
        Map<String, InstallDetails> install = new LinkedHashMap<>();
        for (ClusterDetails.ServerDetails s : cluster.members()) {
            specs.add(spec(cluster, s, now.get(s.address()).role(), command));
            install.put(s.address(), install(s, command, target));
        }
        Map<String, ServerSpec> replacements = new LinkedHashMap<>();
        if (!command.replacements().isEmpty()) {
            if (method != Method.ROLLING_REPLACEABLE) {
                throw new RunRequestException("replacements are for rolling-replaceable only, not " + method.apiName() + ".");
            }
            for (Map.Entry<String, String> e : command.replacements().entrySet()) {
                ServerSpec old = specs.stream().filter(s -> s.id().equals(e.getKey())).findFirst()
                        .orElseThrow(() -> new RunRequestException(e.getKey() + " is not a member of " + cluster.name()
                                + " (members: " + String.join(", ", specs.stream().map(ServerSpec::id).toList()) + ")."));
                ClusterDetails.ServerDetails spare = spare(cluster, e.getValue());
                if (replacements.values().stream().anyMatch(r -> r.id().equals(spare.address()))) {
                    throw new RunRequestException(spare.address() + " is given to replace two members; each needs its own.");
                }
                // the role it takes is the one its registration names; the planner refuses a core for a read replica
                ServerRole role = spare.role() == dev.upshift.cluster.ServerRole.CORE ? ServerRole.FOLLOWER : ServerRole.READ_REPLICA;
                replacements.put(old.id(), spec(cluster, spare, role, command));
                install.put(spare.address(), install(spare, command, target));
            }
        }

        return createPlanned(cluster.id(), cluster.name(), specs, install, source, target, method, mode, command.seed(),
                replacements);
    }

    private static ServerSpec spec(ClusterDetails cluster, ClusterDetails.ServerDetails s, ServerRole role, CreateRunCommand command) {
        InstallType type = InstallType.valueOf(s.installType().toUpperCase());
        String backupDir = command.backupDir() != null ? command.backupDir()
                : type == InstallType.TARBALL ? parent(s.neo4jHome()) + "/upshift-backups" : "/var/backups/neo4j";
        return new ServerSpec(s.address(), s.address(), role, type, s.neo4jHome(), s.confDir(), s.dataDir(), s.useSudo(),
                cluster.auth() == Neo4jAuth.BASIC, backupDir);
    }

    private static InstallDetails install(ClusterDetails.ServerDetails s, CreateRunCommand command, Neo4jVersion target) {
        if (!"tarball".equalsIgnoreCase(s.installType())) return InstallDetails.packaged();
        String parent = parent(s.neo4jHome());
        return command.install().getOrDefault(s.address(), InstallDetails.tarball(
                parent + "/neo4j-enterprise-" + target + "-unix.tar.gz", parent + "/neo4j-enterprise-" + target));
    }

    private static ClusterDetails.ServerDetails spare(ClusterDetails cluster, String address) {
        return cluster.spares().stream().filter(s -> s.address().equalsIgnoreCase(address)).findFirst()
                .orElseThrow(() -> new RunRequestException(address + " is not a spare server of " + cluster.name()
                        + ": register the replacement host on the cluster's edit page, marked spare, with its SSH access and "
                        + "confirmed host key" + (cluster.spares().isEmpty() ? " (the cluster has no spare servers)."
                        : " (spares: " + String.join(", ", cluster.spares().stream().map(ClusterDetails.ServerDetails::address).toList()) + ").")));
    }

    /** Stores a PLANNED run for servers already described (the part of {@link #create} after reading the cluster). */
    RunView createPlanned(Long clusterId, String clusterName, List<ServerSpec> specs, Map<String, InstallDetails> install,
                          Neo4jVersion source, Neo4jVersion target, Method method, RunMode mode, String seed) {
        return createPlanned(clusterId, clusterName, specs, install, source, target, method, mode, seed, Map.of());
    }

    /** @param replacements rolling-replaceable: per member id, the server that replaces it */
    RunView createPlanned(Long clusterId, String clusterName, List<ServerSpec> specs, Map<String, InstallDetails> install,
                          Neo4jVersion source, Neo4jVersion target, Method method, RunMode mode, String seed,
                          Map<String, ServerSpec> replacements) {
        return tx.execute(status -> {
            Run run = runs.saveAndFlush(new Run(clusterId, clusterName, method, mode, source.toString(),
                    target.toString(), CurrentActor.name(), clock.instant()));
            PlanRequest request = new PlanRequest(specs, source, target, method, install, replacements, seed, null,
                    null, "run-" + run.getId(), properties.stagingDir() + "/run-" + run.getId());
            Plan plan = planner.plan(request);
            run.describePlan(plan.expectedStoreFormat(), plan.seedServer(), plan.acknowledgements(), plan.advisories());
            store(run.getId(), specs, replacements, install, plan);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("cluster", clusterId);
            details.put("method", method.apiName());
            details.put("mode", mode.apiName());
            details.put("source", source.toString());
            details.put("target", target.toString());
            details.put("steps", plan.steps().size());
            audit.record("run.planned", "run", String.valueOf(run.getId()), details);
            return queries.view(run);
        });
    }

    /**
     * Stores a plan's servers and steps with run {@code runId} (also for rollback runs, {@link RunRollbacks}).
     *
     * @param replacements per member id, a server the run adds (saved naming the member it replaces)
     */
    void store(Long runId, List<ServerSpec> specs, Map<String, ServerSpec> replacements,
               Map<String, InstallDetails> install, Plan plan) {
        for (ServerSpec s : specs) {
            save(runId, s, install.get(s.id()), null);
        }
        replacements.forEach((old, s) -> save(runId, s, install.get(s.id()), old));
        int position = 0;
        int phaseIndex = 0;
        for (PlanPhase phase : plan.phases()) {
            for (PlannedStep p : phase.steps()) {
                String omitted = p.omitted().isEmpty() ? null
                        : String.join("\n", p.omitted().stream().map(SkipReason::text).toList());
                RunStep step = new RunStep(runId, position++, phaseIndex, phase.kind(), phase.title(), p.key(), p.server(),
                        p.section(), p.text(), p.actor(), commands.write(p.commands().stream().map(StepCommand::of).toList()),
                        p.verification().kind(), p.verification().description(), p.retrySafe(), p.gate(),
                        p.recheckLeaderAtRuntime(), omitted);
                if (p.isSkipped()) step.plannedSkip(p.skip().code(), p.skip().text());
                steps.save(step);
            }
            phaseIndex++;
        }
    }

    private void save(Long runId, ServerSpec s, InstallDetails d, String replaces) {
        servers.save(new RunServer(runId, s.id(), s.role(), s.installType(), s.neo4jHome(), d.newHome(), d.archive(),
                s.confDir(), s.dataDir(), s.backupDir(), replaces));
    }

    private static Neo4jVersion sourceVersion(ClusterDetails cluster, Map<String, ClusterFacts.ServerFact> now) {
        List<String> unknown = now.values().stream().filter(f -> f.version() == null)
                .map(f -> f.address() + " (" + f.problem() + ")").toList();
        if (!unknown.isEmpty()) {
            throw new RunConflictException("The version of every member is needed to plan, and it could not be read for "
                    + String.join("; ", unknown) + ". Start the member or fix its Bolt access, then plan again.");
        }
        TreeSet<String> versions = new TreeSet<>(now.values().stream().map(ClusterFacts.ServerFact::version).toList());
        if (versions.size() > 1) {
            throw new RunConflictException("The members of " + cluster.name() + " run different versions ("
                    + String.join(", ", now.values().stream().map(f -> f.address() + " " + f.version()).toList())
                    + "); an upgrade starts from one version. Finish or roll back the earlier upgrade first.");
        }
        return parse(versions.first());
    }

    private static Method method(String name) {
        if (name == null) throw new RunRequestException("method is required: rolling-fixed, rolling-replaceable or offline.");
        try {
            return Method.fromApiName(name);
        } catch (IllegalArgumentException e) {
            throw new RunRequestException("Unknown method '" + name + "': use rolling-fixed, rolling-replaceable or offline.");
        }
    }

    private static Neo4jVersion parse(String version) {
        try {
            return Neo4jVersion.parse(version);
        } catch (IllegalArgumentException e) {
            throw new RunRequestException("targetVersion must look like 3.4.6, not '" + version + "'.");
        }
    }

    private static String parent(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        int slash = p.lastIndexOf('/');
        return slash <= 0 ? "" : p.substring(0, slash);
    }
}
