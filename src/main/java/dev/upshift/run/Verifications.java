package dev.upshift.run;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.upshift.procedure.ConfVariant;
import dev.upshift.procedure.StepKey;
import dev.upshift.procedure.Verification;
import dev.upshift.remote.ExecResult;
import dev.upshift.remote.SshGateway;

/**
 * What proves a step was done, per {@link Verification.Kind}: membership conditions are awaited on the monitor's
 * view, checksums are compared, the store upgrade is read from {@code debug.log}. Returns empty when proven, else why
 * not.
 */
@Component
class Verifications {

    private static final Pattern SHA = Pattern.compile("^([0-9a-f]{64})\\s+\\*?(\\S.*)$");

    private final HealthGates gates;
    private final ConfPreparation confs;
    private final RunConfRepository storedConfs;
    private final SshGateway ssh;
    private final RunTargets targets;
    private final RunProperties properties;

    Verifications(HealthGates gates, ConfPreparation confs, RunConfRepository storedConfs, SshGateway ssh,
                  RunTargets targets, RunProperties properties) {
        this.gates = gates;
        this.confs = confs;
        this.storedConfs = storedConfs;
        this.ssh = ssh;
        this.targets = targets;
        this.properties = properties;
    }

    /** Whether the step's outcome can be checked without its commands' output (verify-and-continue). */
    boolean canVerifyWithoutOutput(RunStep step) {
        return switch (step.getVerificationKind()) {
            case MEMBER_STOPPED, MEMBER_JOINED, CLUSTER_FORMED, CLUSTER_STATE, STORE_UPGRADED -> true;
            case OPERATOR -> true;
            case EXIT_CODE -> false;
        };
    }

    /** @param waiting hears each new reason while a membership condition is awaited (shown on the step) */
    Optional<String> verify(RunContext ctx, RunStep step, List<String> stdouts, StepOutput.Recorder out,
                            Consumer<String> waiting) {
        out.panel("[upshift] verifying: " + step.getVerificationText());
        String server = step.getServer();
        return switch (step.getVerificationKind()) {
            case OPERATOR -> operator(ctx, step, stdouts);
            case EXIT_CODE -> step.getKey() == StepKey.PRE_BACKUP_CONF || step.getKey() == StepKey.PRE_BACKUP_DBMS
                    ? checksums(step, stdouts, out) : Optional.empty();
            case MEMBER_STOPPED -> await(ctx, waiting, false, s -> {
                if (server != null) return ClusterChecks.stopped(s, server);
                for (RunServer each : ctx.servers().values()) {
                    Optional<String> still = ClusterChecks.stopped(s, each.getServer());
                    if (still.isPresent()) return still;
                }
                return Optional.empty();
            });
            case MEMBER_JOINED -> await(ctx, waiting, true, s -> ClusterChecks.joined(s, ctx, server, gates.versions(ctx, s))
                    .or(() -> gates.caughtUp(ctx, s, server)));
            case CLUSTER_FORMED -> await(ctx, waiting, true, s -> ClusterChecks.formed(s, ctx, gates.versions(ctx, s)))
                    .or(() -> storeFormats(ctx, out));
            case CLUSTER_STATE -> await(ctx, waiting, true, s -> ClusterChecks.healthyOn(s, ctx, ctx.sourceVersion()));
            case STORE_UPGRADED -> storeUpgraded(ctx, server, out);
        };
    }

    /** What the step's record says beyond its status (e.g. the checksums that prove a backup). */
    String note(RunContext ctx, RunStep step, List<String> stdouts) {
        if (step.getKey() == StepKey.PRE_BACKUP_CONF || step.getKey() == StepKey.PRE_BACKUP_DBMS) {
            return "SHA-256: " + String.join("; ", stdouts.get(stdouts.size() - 1).lines().toList());
        }
        if (step.getKey() == StepKey.ROLLING_WRITE_LOAD_ADVISORY) return "acknowledged (write-load) when the run was started";
        return null;
    }

    private Optional<String> operator(RunContext ctx, RunStep step, List<String> stdouts) {
        if (step.getKey() == StepKey.PRE_PREPARE_CONF) {
            String current = stdouts.isEmpty() ? null : stdouts.get(stdouts.size() - 1);
            if (current == null && !hasConf(step)) current = fetchConf(ctx, step.getServer());   // manual mode, or verify-only
            if (current != null && !current.isBlank()) confs.prepare(ctx, step.getServer(), current + "\n");
            return hasConf(step) ? Optional.empty()
                    : Optional.of("no prepared neo4j.conf for " + step.getServer() + " (the current one could not be read)");
        }
        if (step.getKey() == StepKey.ROLLING_WRITE_LOAD_ADVISORY && !ctx.acknowledged().contains("write-load")) {
            return Optional.of("the write-load advisory was not acknowledged");
        }
        return Optional.empty();
    }

    /** Reading the current conf changes nothing on the server, so the panel does it even when the operator acts. */
    private String fetchConf(RunContext ctx, String server) {
        ExecResult r = confs.fetchCurrent(ctx, server);
        return r.succeeded() ? r.stdout() : null;
    }

    private boolean hasConf(RunStep step) {
        return storedConfs.findByRunIdAndServerAndVariant(step.getRunId(), step.getServer(), ConfVariant.FINAL).isPresent();
    }

    /** {@code sha256sum original copy}: both lines must carry the same hash (one line: the archive's hash is recorded). */
    private Optional<String> checksums(RunStep step, List<String> stdouts, StepOutput.Recorder out) {
        if (stdouts.isEmpty()) return Optional.of("no checksum output");
        Set<String> hashes = new LinkedHashSet<>();
        for (String line : stdouts.get(stdouts.size() - 1).lines().toList()) {
            Matcher m = SHA.matcher(line.trim());
            if (m.matches()) hashes.add(m.group(1));
        }
        if (hashes.isEmpty()) return Optional.of("sha256sum printed no checksum");
        if (step.getKey() == StepKey.PRE_BACKUP_CONF && hashes.size() != 1) {
            return Optional.of("the copy's SHA-256 differs from the original's: " + hashes);
        }
        out.panel("[upshift] checksum verified: " + hashes.iterator().next());
        return Optional.empty();
    }

    private Optional<String> await(RunContext ctx, Consumer<String> waiting, boolean mustReach,
                                   java.util.function.Function<dev.upshift.monitor.MembershipSnapshot, Optional<String>> check) {
        // a verification is not cancelled by a pause: the step's commands ran, so its outcome is recorded first
        HealthGates.Wait w = gates.await(check, mustReach, properties.verifyTimeout(), waiting, () -> false, ctx.clusterId());
        return w.outcome() == HealthGates.Outcome.MET ? Optional.empty() : Optional.of(w.reason());
    }

    /**
     * Every core reads its store in the target's format. Neo4j 3.4 started on a 3.3 store without
     * {@code dbms.allow_upgrade} runs silently on the old format (measured), so a formed cluster is not proof enough:
     * the format each core selected at start-up is read from its debug.log.
     */
    private Optional<String> storeFormats(RunContext ctx, StepOutput.Recorder out) {
        if (ctx.expectedStoreFormat() == null) return Optional.empty();
        for (RunServer core : ctx.servers().values()) {
            if (!core.isCore()) continue;
            String log = core.logsDir(true) + "/debug.log";
            ExecResult r = ssh.exec(targets.ssh(ctx.clusterId(), core.getServer()),
                    "grep -E 'StandardV[0-9]+_[0-9]+' '" + log + "' | tail -n 1", Duration.ofSeconds(30));
            String line = r.stdout().trim();
            out.panel("[upshift] store format on " + core.getServer() + ": " + (line.isEmpty() ? "(not found)" : line));
            if (line.isEmpty()) {
                return Optional.of("the store format of " + core.getServer() + " could not be read from " + log
                        + "; it must be " + ctx.expectedStoreFormat());
            }
            if (!line.contains(ctx.expectedStoreFormat())) {
                return Optional.of(core.getServer() + " runs its store in another format than " + ctx.expectedStoreFormat()
                        + " (" + line + "): the store was not upgraded (was dbms.allow_upgrade=true on the seed?)");
            }
        }
        return Optional.empty();
    }

    /** Follows debug.log on the seed until the store upgrade finishes, showing the progress lines. */
    private Optional<String> storeUpgraded(RunContext ctx, String server, StepOutput.Recorder out) {
        RunServer s = ctx.server(server);
        String log = s.logsDir(true) + "/debug.log";
        Instant deadline = Instant.now().plus(properties.verifyTimeout());
        Set<String> shown = new LinkedHashSet<>();
        while (Instant.now().isBefore(deadline)) {
            ExecResult r = ssh.exec(targets.ssh(ctx.clusterId(), server), "grep -E 'upgrade of database|Migrating|Selected format' '"
                    + log + "' | tail -n 50", Duration.ofSeconds(30));
            for (String line : r.stdout().lines().toList()) {
                if (shown.add(line)) out.add(StepOutputLine.STDOUT, line, Instant.now());
                if (line.contains("Successfully finished upgrade of database")) return Optional.empty();
            }
            sleep(Duration.ofSeconds(2));
        }
        return Optional.of("debug.log on " + server + " shows no \"Successfully finished upgrade of database\" after "
                + properties.verifyTimeout().toSeconds() + " s");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
