package dev.upshift.run;

import java.util.List;
import java.util.Locale;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.upshift.procedure.ConfVariant;
import dev.upshift.procedure.StepKey;
import dev.upshift.remote.ExecResult;
import dev.upshift.security.Roles;

/**
 * The per-server prepared confs of a run ({@code GET/PUT /api/runs/{id}/conf/{server}}). Reading a server's conf
 * before any is prepared fetches the current file over SSH and derives it; putting one validates it for the server
 * first. A conf can change only until the step that installs it has run.
 */
@Service
public class RunConfs {

    private final RunDriver driver;
    private final ConfPreparation preparation;
    private final RunConfRepository confs;
    private final RunStepRepository steps;
    private final TransactionTemplate tx;

    RunConfs(RunDriver driver, ConfPreparation preparation, RunConfRepository confs, RunStepRepository steps,
             TransactionTemplate tx) {
        this.driver = driver;
        this.preparation = preparation;
        this.confs = confs;
        this.steps = steps;
        this.tx = tx;
    }

    @PreAuthorize(Roles.ANY_ROLE)
    public ConfView get(Long runId, String server) {
        RunContext ctx = driver.context(runId);
        ctx.server(serverOf(ctx, server));
        if (list(runId, server).isEmpty()) {
            ExecResult r = preparation.fetchCurrent(ctx, server);
            if (!r.succeeded()) {
                RunServer source = ctx.server(ctx.server(server).confSource());
                throw new RunConflictException("Cannot read " + source.getConfDir() + "/neo4j.conf on " + source.getServer()
                        + ": " + r.summary() + " " + r.stderr());
            }
            preparation.prepare(ctx, server, r.stdout() + "\n");
        }
        return view(runId, server);
    }

    @PreAuthorize(Roles.ADMIN_OR_OPERATOR)
    public ConfView put(Long runId, String server, String variant, String content) {
        if (content == null || content.isBlank()) throw new RunRequestException("The conf is empty.");
        RunContext ctx = driver.context(runId);
        serverOf(ctx, server);
        ConfVariant v = variant(variant);
        boolean installed = tx.execute(s -> steps.findByRunIdOrderByPosition(runId).stream()
                .filter(step -> server.equals(step.getServer()) && step.getStatus() != StepStatus.PENDING)
                .anyMatch(step -> INSTALLS.contains(step.getKey())));
        if (installed) {
            throw new RunConflictException("The conf of " + server + " was already installed by this run; it can no longer change.");
        }
        preparation.accept(ctx, server, v, content.endsWith("\n") ? content : content + "\n");
        return view(runId, server);
    }

    private static final List<StepKey> INSTALLS = List.of(StepKey.SRV_INSTALL, StepKey.RR_PLACE_CONF,
            StepKey.OFF_SEED_MODE_SINGLE, StepKey.OFF_SEED_INSTALL, StepKey.OFF_CORE_INSTALL, StepKey.OFF_RR_INSTALL);

    private List<RunConf> list(Long runId, String server) {
        return tx.execute(s -> confs.findByRunIdAndServer(runId, server));
    }

    private ConfView view(Long runId, String server) {
        return new ConfView(runId, server, list(runId, server).stream().map(c -> new ConfView.Variant(
                c.getVariant().name().toLowerCase(Locale.ROOT), c.getOrigin().name(), c.getSha256(), c.getContent(),
                c.getOriginal(), c.getAcceptedBy(), c.getAcceptedAt())).toList());
    }

    private static String serverOf(RunContext ctx, String server) {
        if (!ctx.servers().containsKey(server)) {
            throw new RunNotFoundException("Run " + ctx.runId() + " has no server " + server + " (servers: "
                    + String.join(", ", ctx.servers().keySet()) + ").");
        }
        return server;
    }

    private static ConfVariant variant(String name) {
        if (name == null || name.isBlank()) return ConfVariant.FINAL;
        for (ConfVariant v : ConfVariant.values()) {
            if (v.fileSuffix().equalsIgnoreCase(name) || v.name().equalsIgnoreCase(name)) return v;
        }
        throw new RunRequestException("Unknown conf variant '" + name + "': final or seed-upgrade.");
    }
}
