package dev.upshift.run;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.upshift.audit.AuditLog;
import dev.upshift.procedure.ConfVariant;
import dev.upshift.security.CurrentActor;

/**
 * The prepared neo4j.conf of each server ({@code PRE_PREPARE_CONF}). When no person has put one, the panel derives
 * it from the server's current file: every setting carried over as it is, {@code dbms.mode} set to the server's
 * role and {@code dbms.allow_upgrade} removed (FINAL); the offline seed core also gets its upgrade variant with
 * {@code dbms.mode=SINGLE} and {@code dbms.allow_upgrade=true} (SEED_UPGRADE). A conf a person edited is never
 * replaced by a derived one.
 */
@Component
class ConfPreparation {

    private final RunConfRepository confs;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    ConfPreparation(RunConfRepository confs, AuditLog audit, TransactionTemplate tx, Clock clock) {
        this.confs = confs;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
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
                    conf.set(current, derive(current, s.getRole().dbmsMode(), v), RunConf.Origin.DERIVED,
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

    static String derive(String current, String mode, ConfVariant variant) {
        String conf = set(current, "dbms.mode", variant == ConfVariant.SEED_UPGRADE ? "SINGLE" : mode);
        conf = remove(conf, "dbms.allow_upgrade");
        if (variant == ConfVariant.SEED_UPGRADE) conf = set(conf, "dbms.allow_upgrade", "true");
        return conf;
    }

    /** Sets an active {@code key=value} line: replaces the first active one (dropping others), else appends. */
    static String set(String conf, String key, String value) {
        StringBuilder out = new StringBuilder();
        boolean done = false;
        for (String line : conf.split("\n", -1)) {
            if (isSetting(line, key)) {
                if (!done) out.append(key).append('=').append(value).append('\n');
                done = true;
            } else {
                out.append(line).append('\n');
            }
        }
        String text = out.substring(0, out.length() - 1);
        if (!done) text = (text.endsWith("\n") || text.isEmpty() ? text : text + "\n") + key + "=" + value + "\n";
        return text;
    }

    static String remove(String conf, String key) {
        StringBuilder out = new StringBuilder();
        for (String line : conf.split("\n", -1)) {
            if (!isSetting(line, key)) out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    private static boolean isSetting(String line, String key) {
        String t = line.trim();
        return t.startsWith(key) && t.substring(key.length()).trim().startsWith("=");
    }
}
