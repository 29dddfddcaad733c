package dev.upshift.run;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.upshift.procedure.Command;
import dev.upshift.procedure.ConfVariant;
import dev.upshift.procedure.StepKey;

/**
 * What the panel still checks itself when the operator confirms a step that auto mode proves only by exit codes the
 * panel never saw in manual mode: read-only commands over SSH, shown in the step's output like any other. The
 * install must report the target version and carry the prepared neo4j.conf (a forgotten install is caught here, not
 * minutes later as a member that never rejoins), a started member must have a process, a backup's checksums are read
 * again and a full backup must exist with a size and a date. Steps not listed here are taken on the operator's word.
 */
@Component
class ManualChecks {

    /** The outcome: {@code problem} empty when proven; {@code note} what the step's record keeps (e.g. checksums). */
    record Outcome(Optional<String> problem, String note) {
    }

    private static final Pattern BACKUP_DIR = Pattern.compile("--backup-dir=(\\S+)");
    private static final Pattern BACKUP_NAME = Pattern.compile("--name=(\\S+)");

    private final CommandRunner runner;
    private final Verifications verifications;
    private final RunConfRepository confs;

    ManualChecks(CommandRunner runner, Verifications verifications, RunConfRepository confs) {
        this.runner = runner;
        this.verifications = verifications;
        this.confs = confs;
    }

    boolean covers(RunStep step) {
        return switch (step.getKey()) {
            case PRE_BACKUP_CONF, PRE_BACKUP_DBMS, SRV_INSTALL, SRV_START -> step.getServer() != null;
            case PRE_VERIFY_FULL_BACKUP, POST_FULL_BACKUP -> true;
            default -> false;
        };
    }

    Outcome verify(RunContext ctx, RunStep step, List<StepCommand> planned, StepOutput.Recorder out) {
        return switch (step.getKey()) {
            case PRE_BACKUP_CONF, PRE_BACKUP_DBMS -> checksums(ctx, step, planned, out);
            case SRV_INSTALL -> new Outcome(installed(ctx, ctx.server(step.getServer()), out), null);
            case SRV_START -> new Outcome(running(ctx, ctx.server(step.getServer()), out), null);
            case PRE_VERIFY_FULL_BACKUP, POST_FULL_BACKUP -> fullBackup(ctx, planned, out);
            default -> new Outcome(Optional.empty(), null);
        };
    }

    /** The backup the step's {@code neo4j-admin backup} names exists with a size and a date (recorded). */
    private Outcome fullBackup(RunContext ctx, List<StepCommand> planned, StepOutput.Recorder out) {
        for (StepCommand c : planned) {
            Matcher dir = BACKUP_DIR.matcher("shell".equals(c.type()) ? c.line() : "");
            Matcher name = BACKUP_NAME.matcher("shell".equals(c.type()) ? c.line() : "");
            if (!dir.find() || !name.find()) continue;
            String backup = dir.group(1) + "/" + name.group(1);
            CommandRunner.Result du = runner.run(ctx, StepCommand.of(new Command.Shell(c.server(), "du -sk --time " + quote(backup))), out);
            String[] sizeDate = du.stdout().trim().split("\t");
            if (!du.ok() || sizeDate.length < 2 || sizeDate[0].equals("0")) {
                return new Outcome(Optional.of("no backup at " + c.server() + ":" + backup + " (" + du.summary() + ")"), null);
            }
            return new Outcome(Optional.empty(), "backup " + backup + " on " + c.server() + ": " + sizeDate[0] + " KB, " + sizeDate[1]);
        }
        return new Outcome(Optional.empty(), null);
    }

    /** The step's own last command is its {@code sha256sum}: read-only, so the panel runs it again and compares. */
    private Outcome checksums(RunContext ctx, RunStep step, List<StepCommand> planned, StepOutput.Recorder out) {
        StepCommand sums = planned.isEmpty() ? null : planned.get(planned.size() - 1);
        if (sums == null || !"shell".equals(sums.type()) || !sums.line().contains("sha256sum")) {
            return new Outcome(Optional.empty(), null);
        }
        CommandRunner.Result r = runner.run(ctx, sums, out);
        if (!r.ok()) return new Outcome(Optional.of("the backup could not be read back (" + r.summary() + ")"), null);
        List<String> stdouts = List.of(r.stdout());
        Optional<String> problem = verifications.verify(ctx, step, stdouts, out, reason -> { });
        return new Outcome(problem, problem.isPresent() ? null : verifications.note(ctx, step, stdouts));
    }

    /** The new installation reports the target version and its neo4j.conf is the prepared one (and the data moved). */
    private Optional<String> installed(RunContext ctx, RunServer server, StepOutput.Recorder out) {
        String home = server.afterMove(server.getNeo4jHome());
        String neo4j = server.getInstallType().isPackage() ? "neo4j" : quote(home + "/bin/neo4j");
        CommandRunner.Result version = run(ctx, server, neo4j + " version", out);
        if (!version.ok() || !version.stdout().contains(ctx.targetVersion())) {
            return Optional.of(server.getServer() + ": `" + neo4j + " version` "
                    + (version.ok() ? "reports " + version.stdout().trim() : "failed (" + exit(version) + ")")
                    + ", so Neo4j " + ctx.targetVersion() + " is not installed " + (server.getInstallType().isPackage()
                    ? "(the package was not upgraded)" : "in " + home + " (was the tarball unpacked?)"));
        }
        String conf = server.afterMove(server.getConfDir()) + "/neo4j.conf";
        Optional<RunConf> prepared = confs.findByRunIdAndServerAndVariant(ctx.runId(), server.getServer(), ConfVariant.FINAL);
        if (prepared.isPresent()) {
            CommandRunner.Result sum = run(ctx, server, "sha256sum " + quote(conf), out);
            String expected = prepared.get().getSha256();
            if (!sum.ok() || !sum.stdout().startsWith(expected)) {
                return Optional.of(server.getServer() + ": " + conf + " is not the prepared neo4j.conf (SHA-256 "
                        + (sum.ok() ? sum.stdout().split("\\s+")[0] : "unreadable: " + sum.summary()) + ", prepared " + expected + ")");
            }
        }
        String data = server.afterMove(server.getDataDir());
        if (!data.equals(server.getDataDir())) {
            CommandRunner.Result copied = run(ctx, server, "test -d " + quote(data + "/databases"), out);
            if (!copied.ok()) {
                return Optional.of(server.getServer() + ": " + data + "/databases does not exist: the data directory was not "
                        + "copied from " + server.getDataDir() + " into the new installation");
            }
        }
        return Optional.empty();
    }

    /** A Neo4j process runs from the new installation (its own status command). */
    private Optional<String> running(RunContext ctx, RunServer server, StepOutput.Recorder out) {
        String status = server.getInstallType().isPackage() ? "systemctl is-active neo4j"
                : quote(server.afterMove(server.getNeo4jHome()) + "/bin/neo4j") + " status";
        CommandRunner.Result r = run(ctx, server, status, out);
        return r.ok() ? Optional.empty() : Optional.of(server.getServer() + ": no Neo4j process runs (`" + status + "` "
                + exit(r) + (r.stdout().isBlank() ? "" : ": " + r.stdout().trim()) + ")");
    }

    private CommandRunner.Result run(RunContext ctx, RunServer server, String line, StepOutput.Recorder out) {
        return runner.run(ctx, StepCommand.of(new Command.Shell(server.getServer(), line)), out);
    }

    /** The exit status, or why there was none (no connection, a timeout). */
    private static String exit(CommandRunner.Result r) {
        return r.exitCode() == null ? r.summary() : "exit " + r.exitCode();
    }

    private static String quote(String path) {
        return "'" + path.replace("'", "'\\''") + "'";
    }
}
