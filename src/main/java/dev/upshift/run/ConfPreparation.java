package dev.upshift.run;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.upshift.audit.AuditLog;
import dev.upshift.remote.ExecResult;
import dev.upshift.remote.SshGateway;
import dev.upshift.procedure.ConfVariant;
import dev.upshift.procedure.conf.ConfDeriver;
import dev.upshift.procedure.conf.ConfProblem;
import dev.upshift.procedure.conf.ConfTarget;
import dev.upshift.procedure.conf.ConfValidator;
import dev.upshift.procedure.conf.NeoConf;
import dev.upshift.security.CurrentActor;

/**
 * The prepared neo4j.conf of each server ({@code PRE_PREPARE_CONF}). When no person has put one, the panel derives
 * it from the server's current file with the procedure package's {@link ConfDeriver} (FINAL; the offline seed core
 * also SEED_UPGRADE). A conf a person put is validated first and is never replaced by a derived one.
 */
@Component
class ConfPreparation {

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(30);

    private final RunConfRepository confs;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final SshGateway ssh;
    private final RunTargets targets;

    ConfPreparation(RunConfRepository confs, AuditLog audit, TransactionTemplate tx, Clock clock, SshGateway ssh,
                    RunTargets targets) {
        this.confs = confs;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.ssh = ssh;
        this.targets = targets;
    }

    /**
     * Reads over SSH the current neo4j.conf that {@code server}'s prepared one starts from: its own, or for a
     * replacement the one of the member it replaces (5.3.2.2 2: the new instance gets the prepared conf).
     */
    ExecResult fetchCurrent(RunContext ctx, String server) {
        RunServer source = ctx.server(ctx.server(server).confSource());
        return ssh.exec(targets.ssh(ctx.clusterId(), source.getServer()), "cat '" + source.getConfDir() + "/neo4j.conf'",
                FETCH_TIMEOUT);
    }

    /** Stores the derived confs of {@code server} unless edited ones exist; returns what is now prepared. */
    List<RunConf> prepare(RunContext ctx, String server, String current) {
        RunServer s = ctx.server(server);
        List<ConfVariant> variants = server.equals(ctx.seedServer())
                ? List.of(ConfVariant.FINAL, ConfVariant.SEED_UPGRADE) : List.of(ConfVariant.FINAL);
        return tx.execute(status -> {
            List<RunConf> prepared = new ArrayList<>();
            for (ConfVariant v : variants) {
                RunConf conf = confs.findByRunIdAndServerAndVariant(ctx.runId(), server, v)
                        .orElseGet(() -> new RunConf(ctx.runId(), server, v));
                if (conf.getOrigin() != RunConf.Origin.EDITED) {
                    conf.set(current, derive(ctx, s, current, v), RunConf.Origin.DERIVED,
                            CurrentActor.name(), clock.instant());
                    confs.save(conf);
                    audit.record("run.conf.derived", "run", String.valueOf(ctx.runId()),
                            Map.of("server", server, "variant", v.name(), "sha256", conf.getSha256()));
                }
                prepared.add(conf);
            }
            return prepared;
        });
    }

    /** Derived by the procedure package's rules (renamed/removed settings, dbms.mode, dbms.allow_upgrade). */
    static String derive(RunContext ctx, RunServer server, String current, ConfVariant variant) {
        ConfTarget target = ConfTarget.of(ctx.sourceVersion(), ctx.targetVersion(), server.getRole(), server.getServer(), variant);
        if (server.isReplacement()) target = target.replacing(server.getReplaces());   // its hosts move to the new address
        return ConfDeriver.standard().derive(NeoConf.parse(current), target).conf().render();
    }

    /** A person's conf: validated for this server before it is stored; refused with every error. */
    RunConf accept(RunContext ctx, String server, ConfVariant variant, String content) {
        RunServer s = ctx.server(server);
        ConfTarget target = ConfTarget.of(ctx.sourceVersion(), ctx.targetVersion(), s.getRole(), server, variant);
        List<ConfProblem> problems = ConfValidator.standard().validate(NeoConf.parse(content), target);
        if (!ConfValidator.acceptable(problems)) {
            throw new RunRequestException("The neo4j.conf for " + server + " was not accepted: " + String.join(" ",
                    problems.stream().filter(p -> p.severity() == ConfProblem.Severity.ERROR).map(ConfProblem::message).toList()));
        }
        return tx.execute(status -> {
            RunConf conf = confs.findByRunIdAndServerAndVariant(ctx.runId(), server, variant)
                    .orElseGet(() -> new RunConf(ctx.runId(), server, variant));
            conf.set(conf.getOriginal(), content, RunConf.Origin.EDITED, CurrentActor.name(), clock.instant());
            confs.save(conf);
            audit.record("run.conf.accepted", "run", String.valueOf(ctx.runId()),
                    Map.of("server", server, "variant", variant.name(), "sha256", conf.getSha256()));
            return conf;
        });
    }
}
