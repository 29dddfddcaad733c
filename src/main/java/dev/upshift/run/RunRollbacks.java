package dev.upshift.run;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.upshift.audit.AuditLog;
import dev.upshift.procedure.InstallDetails;
import dev.upshift.procedure.InstallType;
import dev.upshift.procedure.Neo4jVersion;
import dev.upshift.procedure.Plan;
import dev.upshift.procedure.RollbackPlanner;
import dev.upshift.procedure.RollbackRequest;
import dev.upshift.procedure.ServerSpec;
import dev.upshift.procedure.StepKey;
import dev.upshift.remote.ExecResult;
import dev.upshift.remote.SshGateway;
import dev.upshift.security.CurrentActor;
import dev.upshift.security.Roles;

/**
 * Plans the rollback of a FAILED or ABORTED upgrade run ({@code POST /api/runs/{id}/rollback}) as a new PLANNED run
 * on the same cluster, which then goes through the same start, approval, step, audit and output machinery.
 *
 * <p>The plan is made from what the failed run recorded, not from the cluster now (which may be half upgraded and
 * stopped): its servers' source installations ({@code run_server}), the checksums its backup steps verified (their
 * notes), where {@code PRE_VERIFY_FULL_BACKUP} wrote the full backup (its command), and which servers it began
 * installing on. Without that full backup the data cannot go back, so the rollback is refused, and so it is when the
 * backup is no longer on its server (checked over SSH).
 */
@Service
public class RunRollbacks {

    private static final Pattern SHA = Pattern.compile("([0-9a-f]{64})\\s+\\*?([^;\\n]+)");
    private static final Pattern BACKUP_DIR = Pattern.compile("--backup-dir=(\\S+)");
    private static final Pattern NAME = Pattern.compile("--name=(\\S+)");
    private static final Set<StepKey> INSTALLS = Set.of(StepKey.SRV_INSTALL, StepKey.OFF_SEED_INSTALL,
            StepKey.OFF_CORE_INSTALL, StepKey.OFF_RR_INSTALL, StepKey.RR_NEW_INSTANCE);

    private final RunRepository runs;
    private final RunStepRepository steps;
    private final RunServerRepository servers;
    private final StepCommands commands;
    private final RunPlanning planning;
    private final SshGateway ssh;
    private final RunTargets targets;
    private final RunQueries queries;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RunProperties properties;
    private final RollbackPlanner planner = RollbackPlanner.standard();

    RunRollbacks(RunRepository runs, RunStepRepository steps, RunServerRepository servers, StepCommands commands,
                 RunPlanning planning, SshGateway ssh, RunTargets targets, RunQueries queries,
                 AuditLog audit, TransactionTemplate tx, Clock clock, RunProperties properties) {
        this.runs = runs;
        this.steps = steps;
        this.servers = servers;
        this.commands = commands;
        this.planning = planning;
        this.ssh = ssh;
        this.targets = targets;
        this.queries = queries;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
    }

    /** What the failed run recorded, read in one transaction. */
    private record Facts(Run run, List<RunStep> steps, List<RunServer> servers) {
    }

    /** @param mode {@code auto} (default) or {@code manual} */
    @PreAuthorize(Roles.ADMIN_OR_OPERATOR)
    public RunView plan(Long failedRunId, String mode) {
        RunMode runMode = RunMode.fromApiName(mode);
        Facts facts = tx.execute(s -> {
            Run run = runs.findById(failedRunId).orElseThrow(() -> new RunNotFoundException("No run " + failedRunId + "."));
            return new Facts(run, steps.findByRunIdOrderByPosition(failedRunId), servers.findByRunIdOrderById(failedRunId));
        });
        Run failed = facts.run();
        if (failed.getStatus() != RunStatus.FAILED && failed.getStatus() != RunStatus.ABORTED) {
            throw new RunConflictException("Run " + failedRunId + " is " + failed.getStatus() + ": only a FAILED or ABORTED "
                    + "run is rolled back.");
        }
        if (failed.isRollback()) {
            throw new RunConflictException("Run " + failedRunId + " is itself a rollback (of run " + failed.getRollbackOf()
                    + "): plan a new rollback of run " + failed.getRollbackOf() + " instead.");
        }
        tx.execute(s -> runs.findByRollbackOfOrderByIdDesc(failedRunId)).stream()
                .filter(r -> r.getStatus() != RunStatus.FAILED && r.getStatus() != RunStatus.ABORTED).findFirst()
                .ifPresent(r -> { throw new RunConflictException("Run " + failedRunId + " already has rollback run " + r.getId()
                        + " (" + r.getStatus() + "); a new one is planned only when that one failed or was aborted.", r.getId()); });

        RollbackRequest.FullBackup backup = fullBackup(facts);
        List<RollbackRequest.Server> rbServers = new ArrayList<>();
        for (RunServer rs : facts.servers()) rbServers.add(server(facts, rs));
        backupStillThere(failed, backup);

        return tx.execute(status -> {
            Run run = new Run(failed.getClusterId(), failed.getClusterName(), failed.getMethod(), runMode,
                    failed.getTargetVersion(), failed.getSourceVersion(), CurrentActor.name(), clock.instant());
            run.rollBack(failedRunId);
            runs.saveAndFlush(run);
            RollbackRequest request = new RollbackRequest(failedRunId, failed.getMethod(),
                    Neo4jVersion.parse(failed.getTargetVersion()), Neo4jVersion.parse(failed.getSourceVersion()), rbServers,
                    backup, null, properties.stagingDir() + "/run-" + run.getId());
            Plan plan = planner.plan(request);
            run.describePlan(plan.expectedStoreFormat(), plan.seedServer(), plan.acknowledgements(), plan.advisories());
            List<ServerSpec> specs = new ArrayList<>();
            Map<String, ServerSpec> added = new LinkedHashMap<>();
            Map<String, InstallDetails> install = new LinkedHashMap<>();
            for (int i = 0; i < rbServers.size(); i++) {
                RollbackRequest.Server s = rbServers.get(i);   // made from facts.servers().get(i)
                // the rollback installs nothing new: the source installation is where each server ends
                install.put(s.id(), new InstallDetails(s.sourceArchive(), null));
                if (s.member()) specs.add(s.source());
                else added.put(facts.servers().get(i).getReplaces(), s.source());
            }
            planning.store(run.getId(), specs, added, install, plan);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("cluster", failed.getClusterId());
            details.put("rollbackOf", failedRunId);
            details.put("mode", runMode.apiName());
            details.put("source", failed.getTargetVersion());
            details.put("target", failed.getSourceVersion());
            details.put("backup", backup.server() + ":" + backup.directory());
            details.put("steps", plan.steps().size());
            audit.record("run.rollback-planned", "run", String.valueOf(run.getId()), details);
            return queries.view(run);
        });
    }

    /** Where PRE_VERIFY_FULL_BACKUP wrote the backup: refused when that step did not succeed. */
    private RollbackRequest.FullBackup fullBackup(Facts facts) {
        Long id = facts.run().getId();
        RunStep step = facts.steps().stream().filter(s -> s.getKey() == StepKey.PRE_VERIFY_FULL_BACKUP).findFirst()
                .orElseThrow(() -> missing(id, "it has no PRE_VERIFY_FULL_BACKUP step"));
        if (step.getStatus() != StepStatus.SUCCEEDED) {
            String why = switch (step.getStatus()) {
                case PENDING -> "its PRE_VERIFY_FULL_BACKUP step never ran";
                case SKIPPED -> "its PRE_VERIFY_FULL_BACKUP step was skipped (" + step.getSkipReason() + ")";
                default -> "its PRE_VERIFY_FULL_BACKUP step is " + step.getStatus();
            };
            throw missing(id, why);
        }
        for (StepCommand c : commands.read(step.getCommands())) {
            if (c.line() == null) continue;
            Matcher dir = BACKUP_DIR.matcher(c.line());
            Matcher name = NAME.matcher(c.line());
            if (dir.find() && name.find()) return new RollbackRequest.FullBackup(c.server(), dir.group(1) + "/" + name.group(1));
        }
        throw missing(id, "its PRE_VERIFY_FULL_BACKUP step names no backup directory");
    }

    /** The backup must still be on its server: neo4j-admin restore needs its store files. */
    private void backupStillThere(Run failed, RollbackRequest.FullBackup backup) {
        ExecResult r;
        try {
            r = ssh.exec(targets.ssh(failed.getClusterId(), backup.server()), "test -f '" + backup.directory() + "/neostore'",
                    Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            throw new RunConflictException("Whether the pre-upgrade full backup of run " + failed.getId() + " is still at "
                    + backup.directory() + " on " + backup.server() + " could not be checked: " + e.getMessage()
                    + " Fix the SSH access, then plan the rollback again.");
        }
        if (!r.succeeded()) {
            throw new RollbackRefusedException("BACKUP_MISSING", "The pre-upgrade full backup of run " + failed.getId()
                    + " is missing: " + backup.directory() + " on " + backup.server() + " holds no store (no neostore file). "
                    + "Without it the data cannot go back to " + failed.getSourceVersion() + " (Neo4j has no downgrade): "
                    + "put the backup back there, or restore another backup by hand.");
        }
    }

    private static RollbackRefusedException missing(Long runId, String why) {
        return new RollbackRefusedException("BACKUP_MISSING", "Run " + runId + " has no pre-upgrade full backup: " + why
                + ". Without it the data cannot go back (Neo4j has no downgrade), so Upshift plans no rollback; restore "
                + "another backup by hand.");
    }

    private RollbackRequest.Server server(Facts facts, RunServer rs) {
        String id = rs.getServer();
        // the failed run's own commands say whether this server needs sudo (the registry may have changed since)
        boolean sudo = facts.steps().stream().flatMap(s -> commands.read(s.getCommands()).stream())
                .anyMatch(c -> id.equals(c.server()) && c.line() != null && c.line().startsWith("sudo "));
        Optional<RunStep> dbmsStep = stepOf(facts, StepKey.PRE_BACKUP_DBMS, id);
        // native auth is what decided PRE_BACKUP_DBMS; the run keeps that decision as the step's skip code
        boolean nativeAuth = dbmsStep.map(s -> !"AUTH_NOT_NATIVE".equals(s.getSkipCode())).orElse(false);
        ServerSpec spec = new ServerSpec(id, id, rs.getRole(), rs.getInstallType(), rs.getNeo4jHome(), rs.getConfDir(),
                rs.getDataDir(), sudo, nativeAuth, rs.getBackupDir());
        boolean touched = facts.steps().stream().anyMatch(s -> id.equals(s.getServer()) && INSTALLS.contains(s.getKey())
                && (s.getCommandsStartedAt() != null || s.getStatus() == StepStatus.SUCCEEDED));
        String archive = rs.getInstallType() == InstallType.TARBALL
                ? parent(rs.getNeo4jHome()) + "/neo4j-enterprise-" + facts.run().getSourceVersion() + "-unix.tar.gz" : null;
        RollbackRequest.FileBackup conf = stepOf(facts, StepKey.PRE_BACKUP_CONF, id)
                .flatMap(s -> backupFile(s, rs.getConfDir() + "/neo4j.conf")).orElse(null);
        RollbackRequest.FileBackup dbms = dbmsStep.flatMap(s -> backupFile(s, null)).orElse(null);
        return new RollbackRequest.Server(spec, archive, rs.movesHome() ? rs.getNewHome() : null, touched,
                !rs.isReplacement(), conf, dbms);
    }

    private static Optional<RunStep> stepOf(Facts facts, StepKey key, String server) {
        return facts.steps().stream().filter(s -> s.getKey() == key && server.equals(s.getServer())).findFirst();
    }

    /**
     * The backed-up file and its SHA-256 from a succeeded backup step's notes ("SHA-256: hash  file; ..."), skipping
     * {@code original} (PRE_BACKUP_CONF records the original beside the copy).
     */
    private static Optional<RollbackRequest.FileBackup> backupFile(RunStep step, String original) {
        if (step.getStatus() != StepStatus.SUCCEEDED || step.getNotes() == null) return Optional.empty();
        Matcher m = SHA.matcher(step.getNotes());
        while (m.find()) {
            String path = m.group(2).strip();
            if (!path.equals(original)) return Optional.of(new RollbackRequest.FileBackup(path, m.group(1)));
        }
        return Optional.empty();
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "" : path.substring(0, slash);
    }
}
