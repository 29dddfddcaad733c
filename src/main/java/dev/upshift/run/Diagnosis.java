package dev.upshift.run;

import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.upshift.remote.ExecResult;
import dev.upshift.remote.SshGateway;
import dev.upshift.remote.SshTarget;

/**
 * What the operator reads when a step fails: the summary and exit code, the stderr tail of the step, and the last
 * lines of the server's {@code debug.log} and {@code neo4j.log} fetched over SSH (from the new installation when it
 * exists, else the old one), so Neo4j's own error is in front of them without logging in.
 */
@Component
class Diagnosis {

    private static final Duration LOG_TIMEOUT = Duration.ofSeconds(20);

    private final SshGateway ssh;
    private final RunTargets targets;
    private final RunProperties properties;

    Diagnosis(SshGateway ssh, RunTargets targets, RunProperties properties) {
        this.ssh = ssh;
        this.targets = targets;
        this.properties = properties;
    }

    String of(RunContext ctx, RunStep step, String summary, Integer exitCode, StepOutput.Recorder out) {
        StringBuilder d = new StringBuilder();
        d.append("Failed: ").append(summary).append('\n');
        if (exitCode != null) d.append("Exit code: ").append(exitCode).append('\n');
        List<String> stderr = out == null ? List.of() : out.stderrTail();
        int frames = out == null ? 0 : out.framesLeftOut();
        if (!stderr.isEmpty() || frames > 0) {
            section(d, "stderr (last " + stderr.size() + " lines" + (frames == 0 ? "" : "; " + frames
                    + " Java stack frame lines left out, see the step's output") + ")",
                    stderr.isEmpty() ? "(only stack frames)" : String.join("\n", stderr));
        }
        if (step.getServer() != null && ctx.servers().containsKey(step.getServer())) {
            RunServer server = ctx.server(step.getServer());
            for (String log : List.of("debug.log", "neo4j.log")) {
                section(d, log + " on " + server.getServer() + " (last " + properties.diagnosisLines() + " lines)",
                        tail(ctx, server, log));
            }
        }
        String text = d.toString();
        return text.length() > 90_000 ? text.substring(text.length() - 90_000) : text;
    }

    private String tail(RunContext ctx, RunServer server, String log) {
        String fresh = server.logsDir(true) + "/" + log;
        String old = server.logsDir(false) + "/" + log;
        String cmd = "f='" + fresh + "'; [ -f \"$f\" ] || f='" + old + "'; echo \"== $f\"; tail -n "
                + properties.diagnosisLines() + " \"$f\"";
        try {
            SshTarget target = targets.ssh(ctx.clusterId(), server.getServer());
            ExecResult r = ssh.exec(target, cmd, LOG_TIMEOUT);
            return r.lines().isEmpty() ? "(empty)" : String.join("\n", r.lines().stream().map(Object::toString).toList());
        } catch (RuntimeException e) {
            return "(could not fetch: " + e.getMessage() + ")";
        }
    }

    private static void section(StringBuilder d, String title, String body) {
        d.append("\n--- ").append(title).append(" ---\n").append(body).append('\n');
    }
}
