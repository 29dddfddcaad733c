package dev.upshift.run;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.upshift.audit.AuditLog;
import dev.upshift.monitor.MemberState;
import dev.upshift.monitor.MembershipSnapshot;
import dev.upshift.monitor.MembershipView;
import dev.upshift.neo4j.BoltGateway;
import dev.upshift.neo4j.Neo4jComponent;
import dev.upshift.procedure.InstallType;
import dev.upshift.procedure.Neo4jVersion;
import dev.upshift.remote.ExecResult;
import dev.upshift.remote.HostKeyMismatchException;
import dev.upshift.remote.SshGateway;
import dev.upshift.security.Roles;

/**
 * Pre-flight checks of a run ({@code POST /api/runs/{id}/preflight}), re-runnable, results stored with the run:
 * SSH reachable with the pinned host key, Bolt reachable, every expected member present with one leader, all on the
 * run's source version, the target newer, free disk on each data directory, Java on each host, and the new version's
 * tarball where the plan expects it. Each failed check names the server and the fix.
 */
@Service
public class Preflight {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How long a pre-flight waits for the monitor's first poll of a cluster registered a moment ago. */
    private static final Duration FIRST_POLL = Duration.ofSeconds(30);

    private final RunDriver driver;
    private final SshGateway ssh;
    private final BoltGateway bolt;
    private final RunTargets targets;
    private final MembershipView membership;
    private final RunCheckRepository checks;
    private final RunQueries queries;
    private final RunRepository runs;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RunProperties properties;

    Preflight(RunDriver driver, SshGateway ssh, BoltGateway bolt, RunTargets targets, MembershipView membership,
              RunCheckRepository checks, RunQueries queries, RunRepository runs, AuditLog audit, TransactionTemplate tx,
              Clock clock, RunProperties properties) {
        this.driver = driver;
        this.ssh = ssh;
        this.bolt = bolt;
        this.targets = targets;
        this.membership = membership;
        this.checks = checks;
        this.queries = queries;
        this.runs = runs;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
    }

    private record Check(String name, String server, boolean ok, String message) {
    }

    @PreAuthorize(Roles.ADMIN_OR_OPERATOR)
    public RunView run(Long runId) {
        RunContext ctx = driver.context(runId);
        List<Check> results = new ArrayList<>();
        Neo4jVersion source = Neo4jVersion.parse(ctx.sourceVersion());
        Neo4jVersion target = Neo4jVersion.parse(ctx.targetVersion());
        boolean rollback = Boolean.TRUE.equals(tx.execute(t -> runs.findById(runId).map(Run::isRollback).orElse(false)));
        if (rollback) {
            // A rollback starts from a cluster a failed upgrade left: members stopped, or on either version.
            results.add(ok("rollback", null, "a rollback from " + source + " to " + target + ": the members may be stopped "
                    + "or on either version; the plan stops them all and restores the pre-upgrade backup"));
        } else {
            results.add(target.compareTo(source) > 0 ? ok("target-newer", null, target + " is newer than " + source)
                    : fail("target-newer", null, target + " is not newer than " + source + ": plan a new run with a newer target"));
            MembershipSnapshot s = membership.firstKnown(ctx.clusterId(), FIRST_POLL);
            Optional<String> health = s.reachable() ? ClusterChecks.healthyOn(s, ctx, ctx.sourceVersion())
                    : Optional.of("no member answers dbms.cluster.overview(): " + s.problem());
            results.add(health.isEmpty() ? ok("membership", null, "every expected member is present with one leader, on " + source)
                    : fail("membership", null, health.get() + ": start or repair the member before upgrading"));
        }
        for (RunServer server : ctx.servers().values()) {
            results.addAll(serverChecks(ctx, server, rollback));
        }
        tx.executeWithoutResult(t -> {
            checks.deleteByRunId(runId);
            int position = 0;
            for (Check c : results) {
                checks.save(new RunCheck(runId, position++, c.name(), c.server(), c.ok(), c.message(), clock.instant()));
            }
            long failed = results.stream().filter(c -> !c.ok()).count();
            audit.record("run.preflight", "run", String.valueOf(runId), Map.of("checks", results.size(), "failed", failed));
        });
        return queries.get(runId);
    }

    private List<Check> serverChecks(RunContext ctx, RunServer server, boolean rollback) {
        String id = server.getServer();
        List<Check> out = new ArrayList<>();
        try {
            ExecResult r = ssh.exec(targets.ssh(ctx.clusterId(), id), "true", TIMEOUT);
            out.add(r.succeeded() ? ok("ssh", id, "SSH login works and the host key matches the pinned one")
                    : fail("ssh", id, "SSH login works but a command failed (" + r.summary() + "): check the account's shell"));
        } catch (HostKeyMismatchException e) {
            out.add(fail("ssh", id, e.getMessage() + " If the server was reinstalled, confirm and re-pin its host key in the registry."));
            return out;
        } catch (RuntimeException e) {
            out.add(fail("ssh", id, e.getMessage() + " Check the address, port, account and key in the registry."));
            return out;
        }
        if (rollback) {
            out.add(ok("bolt", id, "not needed: the rollback stops the member whatever it runs"));
        } else if (server.isReplacement()) {
            out.add(ok("replacement", id, "replaces " + server.getReplaces() + "; Neo4j " + ctx.targetVersion()
                    + " is installed here by the run, so no Bolt yet"));
        } else try {
            String version = bolt.components(targets.bolt(ctx.clusterId(), id)).stream()
                    .filter(c -> "Neo4j Kernel".equals(c.name())).map(Neo4jComponent::version).findFirst().orElse(null);
            out.add(ctx.sourceVersion().equals(version) ? ok("bolt", id, "Bolt answers; Neo4j " + version)
                    : fail("version", id, "reports " + version + ", but the run upgrades from " + ctx.sourceVersion()
                    + ": plan the run again from the cluster's current version"));
        } catch (RuntimeException e) {
            out.add(fail("bolt", id, e.getMessage() + " Start the member or open its Bolt port to the panel."));
        }
        out.add(disk(ctx, server));
        out.add(command(ctx, id, "java", "command -v java >/dev/null || [ -x \"$JAVA_HOME/bin/java\" ]",
                "Java is on the PATH or in JAVA_HOME", "no Java found: install a Java that Neo4j " + ctx.targetVersion()
                        + " supports, or set JAVA_HOME for the SSH account"));
        if (rollback && server.getInstallType() == InstallType.TARBALL && server.getArchive() != null) {
            // the source tarball is needed only where the source NEO4J_HOME is gone
            out.add(command(ctx, id, "tarball", "test -x '" + server.getNeo4jHome() + "/bin/neo4j' || test -r '"
                            + server.getArchive() + "'", server.getNeo4jHome() + " (or " + server.getArchive() + ") is present",
                    server.getNeo4jHome() + " is gone and " + server.getArchive() + " is missing: copy the Neo4j "
                            + ctx.targetVersion() + " tarball there"));
        } else if (server.getInstallType() == InstallType.TARBALL && server.getArchive() != null) {
            out.add(command(ctx, id, "tarball", "test -r '" + server.getArchive() + "'", server.getArchive() + " is present",
                    server.getArchive() + " is missing: copy the Neo4j " + ctx.targetVersion() + " tarball there, or plan with its path"));
        }
        return out;
    }

    private Check disk(RunContext ctx, RunServer server) {
        String id = server.getServer();
        try {
            // a replacement's data directory may not exist yet: measure the nearest directory that does
            String dir = "d='" + server.getDataDir() + "'; while [ ! -e \"$d\" ]; do d=$(dirname \"$d\"); done; ";
            ExecResult r = ssh.exec(targets.ssh(ctx.clusterId(), id), dir + "df -Pk \"$d\" | tail -n 1", TIMEOUT);
            String[] cols = r.stdout().trim().split("\\s+");
            if (!r.succeeded() || cols.length < 4) return fail("disk", id, "df failed on " + server.getDataDir() + ": " + r.summary());
            long freeMb = Long.parseLong(cols[3]) / 1024;
            return freeMb >= properties.minFreeDiskMb()
                    ? ok("disk", id, freeMb + " MB free on " + server.getDataDir())
                    : fail("disk", id, "only " + freeMb + " MB free on " + server.getDataDir() + ", at least "
                    + properties.minFreeDiskMb() + " MB needed (upshift.run.min-free-disk-mb): free space first");
        } catch (RuntimeException e) {
            return fail("disk", id, e.getMessage());
        }
    }

    private Check command(RunContext ctx, String id, String name, String command, String okText, String failText) {
        try {
            ExecResult r = ssh.exec(targets.ssh(ctx.clusterId(), id), command, TIMEOUT);
            return r.succeeded() ? ok(name, id, okText) : fail(name, id, failText);
        } catch (RuntimeException e) {
            return fail(name, id, e.getMessage());
        }
    }

    private static Check ok(String name, String server, String message) {
        return new Check(name, server, true, message);
    }

    private static Check fail(String name, String server, String message) {
        return new Check(name, server, false, message);
    }
}
