package dev.upshift.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.upshift.neo4j.BoltGateway;
import dev.upshift.neo4j.Neo4jUnavailableException;
import dev.upshift.procedure.ConfVariant;
import dev.upshift.remote.ExecResult;
import dev.upshift.remote.SshException;
import dev.upshift.remote.SshGateway;
import dev.upshift.remote.SshTarget;

/** Carries out one planned command: a shell line over SSH, Cypher over Bolt, a prepared conf upload, a file transfer. */
@Component
class CommandRunner {

    /**
     * @param exitCode the shell exit status (null for other commands); -1 on a timeout
     * @param stdout   what a shell command printed on stdout (for checksums and fetched files)
     */
    record Result(boolean ok, Integer exitCode, String summary, String stdout) {

        static Result ok(String summary) {
            return new Result(true, null, summary, "");
        }

        static Result failed(String summary) {
            return new Result(false, null, summary, "");
        }
    }

    private final SshGateway ssh;
    private final BoltGateway bolt;
    private final RunTargets targets;
    private final RunConfRepository confs;
    private final RunProperties properties;

    CommandRunner(SshGateway ssh, BoltGateway bolt, RunTargets targets, RunConfRepository confs, RunProperties properties) {
        this.ssh = ssh;
        this.bolt = bolt;
        this.targets = targets;
        this.confs = confs;
        this.properties = properties;
    }

    Result run(RunContext ctx, StepCommand command, StepOutput.Recorder out) {
        out.panel("$ " + command.display() + "   [" + command.server() + "]");
        try {
            return switch (command.type()) {
                case "shell" -> shell(ctx, command, out);
                case "cypher" -> cypher(ctx, command, out);
                case "upload-conf" -> uploadConf(ctx, command, out);
                case "transfer" -> transfer(ctx, command, out);
                default -> Result.failed("unknown command type " + command.type());
            };
        } catch (SshException | Neo4jUnavailableException e) {
            out.panel("[upshift] " + e.getMessage());
            return Result.failed(e.getMessage());
        }
    }

    /**
     * A plan's shell command runs exactly as the operator sees it: the planner already put {@code sudo} where the
     * server needs it, so the gateway must not wrap it in {@code sudo -n sh -c} a second time.
     */
    private Result shell(RunContext ctx, StepCommand command, StepOutput.Recorder out) {
        ExecResult r = ssh.exec(target(ctx, command.server()).withoutSudoWrapping(), command.line(),
                properties.commandTimeout(), out::onLine);
        out.panel("[upshift] " + r.summary() + " (" + r.took().toMillis() + " ms)");
        return new Result(r.succeeded(), r.exitCode(), r.summary(), r.stdout());
    }

    /**
     * A step's Cypher runs after its verification, often right after a start: a member is listed in the others'
     * overview a little before its own Bolt answers, so an unreachable member is asked again until the verify timeout.
     */
    private Result cypher(RunContext ctx, StepCommand command, StepOutput.Recorder out) {
        long deadline = System.nanoTime() + properties.verifyTimeout().toNanos();
        List<Map<String, Object>> rows;
        while (true) {
            try {
                rows = bolt.query(targets.bolt(ctx.clusterId(), command.server()), command.query(), Map.of(), false);
                break;
            } catch (Neo4jUnavailableException e) {
                if (System.nanoTime() > deadline) throw e;
                out.panel("[upshift] " + command.server() + " does not answer Bolt yet; asking again: " + e.getMessage());
                try {
                    Thread.sleep(Math.max(properties.gatePoll().toMillis(), 1000));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        rows.forEach(row -> out.add(StepOutputLine.STDOUT, row.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")), java.time.Instant.now()));
        return Result.ok(rows.size() + " row(s) from `" + command.query() + "` on " + command.server());
    }

    private Result uploadConf(RunContext ctx, StepCommand command, StepOutput.Recorder out) {
        ConfVariant variant = ConfVariant.valueOf(command.variant());
        RunConf conf = confs.findByRunIdAndServerAndVariant(ctx.runId(), command.server(), variant).orElse(null);
        if (conf == null) {
            return Result.failed("No prepared neo4j.conf (" + variant.fileSuffix() + ") for " + command.server()
                    + ": PRE_PREPARE_CONF prepares it, or PUT one with /api/runs/" + ctx.runId() + "/conf/" + command.server());
        }
        SshTarget target = target(ctx, command.server());
        Result dir = mkdirs(target, parentOf(command.path()), out);
        if (!dir.ok()) return dir;
        ssh.upload(target, conf.getContent().getBytes(StandardCharsets.UTF_8), command.path());
        out.panel("[upshift] uploaded " + conf.getContent().length() + " bytes, SHA-256 " + conf.getSha256());
        return Result.ok("uploaded the prepared conf to " + command.server() + ":" + command.path());
    }

    private Result transfer(RunContext ctx, StepCommand command, StepOutput.Recorder out) {
        Path local = null;
        try {
            local = Files.createTempFile("upshift-transfer-", ".bin");
            ssh.download(target(ctx, command.fromServer()), command.fromPath(), local);
            long size = Files.size(local);
            out.panel("[upshift] fetched " + command.fromServer() + ":" + command.fromPath() + " (" + size + " bytes)");
            SshTarget to = target(ctx, command.server());
            Result dir = mkdirs(to, parentOf(command.toPath()), out);
            if (!dir.ok()) return dir;
            ssh.upload(to, local, command.toPath());
            out.panel("[upshift] put " + command.server() + ":" + command.toPath() + " (" + size + " bytes)");
            return Result.ok("copied " + size + " bytes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (local != null) local.toFile().delete();
        }
    }

    /** As the SSH account itself, never through sudo: the directory receives that account's SFTP uploads. */
    private Result mkdirs(SshTarget target, String dir, StepOutput.Recorder out) {
        if (dir == null || dir.isEmpty()) return Result.ok("");
        ExecResult r = ssh.exec(target.withoutSudoWrapping(), "mkdir -p '" + dir.replace("'", "'\\''") + "'", properties.commandTimeout(), out::onLine);
        return r.succeeded() ? Result.ok("") : new Result(false, r.exitCode(), r.summary(), "");
    }

    SshTarget target(RunContext ctx, String server) {
        return targets.ssh(ctx.clusterId(), server);
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? null : path.substring(0, slash);
    }
}
