package dev.upshift.procedure;

import java.util.ArrayList;
import java.util.List;

/**
 * The phases of the offline upgrade (5.3.3): every server stopped; the seed core upgrades the store as a single
 * instance, is reset to CORE, dumped and unbound; each other core gets a fresh install, is unbound and loads the
 * dump; the cores start together; then each read replica.
 */
final class OfflineSteps {

    private final PlanContext ctx;

    OfflineSteps(PlanContext ctx) {
        this.ctx = ctx;
    }

    List<PlanPhase> phases() {
        ServerSpec seed = ctx.seed();
        List<PlanPhase> phases = new ArrayList<>();
        phases.add(shutdown());
        phases.add(seedCore(seed));
        for (ServerSpec core : ctx.cores()) {
            if (!core.id().equals(seed.id())) phases.add(otherCore(core, seed));
        }
        phases.add(startCores(seed));
        for (ServerSpec rr : ctx.readReplicas()) phases.add(readReplica(rr, seed));
        return phases;
    }

    private PlanPhase shutdown() {
        // Read replicas first, the leader last: fewer elections while the cores go down.
        List<ServerSpec> order = new ArrayList<>(ctx.readReplicas());
        order.addAll(ctx.cores());
        List<Command> stops = order.stream().<Command>map(s -> ctx.on(s).stop(false)).toList();
        PlannedStep step = ctx.step(StepKey.OFF_STOP_ALL).run(stops).build();
        return new PlanPhase(PhaseKind.SHUTDOWN, "Shut down every server (5.3.3 1)", null, List.of(step));
    }

    private PlanPhase seedCore(ServerSpec seed) {
        ServerCommands c = ctx.on(seed);
        String id = seed.id();
        List<PlannedStep> steps = new ArrayList<>();

        // The seed's upgrade conf (dbms.mode=SINGLE, dbms.allow_upgrade=true) is a prepared file of its own. A package
        // reads /etc/neo4j before it is upgraded, so it goes in place now; a tarball gets it in its new conf dir below.
        StepBuilder single = ctx.step(StepKey.OFF_SEED_MODE_SINGLE).on(id).run(c.stageConf(ConfVariant.SEED_UPGRADE));
        if (seed.installType().isPackage()) single.run(c.placeStagedConf(ConfVariant.SEED_UPGRADE));
        steps.add(single.build());

        StepBuilder install = ctx.step(StepKey.OFF_SEED_INSTALL).on(id).run(c.installNewVersion());
        if (seed.installType() == InstallType.TARBALL) {
            install.run(c.placeStagedConf(ConfVariant.SEED_UPGRADE));
            if (c.dataMovesWithInstall()) install.run(c.copyData());
            else install.omit(SkipReason.dataOutsideHome(id, seed.dataDir()));
        }
        steps.add(install.build());

        steps.add(ctx.step(StepKey.OFF_SEED_START_UPGRADE).on(id).run(c.start(true)).build());

        // 2e-f change the conf of an instance that must not serve as SINGLE any longer: stop it first.
        steps.add(ctx.step(StepKey.OFF_SEED_RESET_CONF).on(id).run(c.stop(true)).run(c.installConf(ConfVariant.FINAL)).build());

        String dump = ctx.dumpFile(seed);
        steps.add(ctx.step(StepKey.OFF_SEED_DUMP).on(id).run(
                c.mkdirForAdmin(ctx.backupDir(seed)),
                c.shell("rm -f " + dump),   // neo4j-admin dump will not overwrite; this makes a retry safe
                c.admin(true, "dump --database=" + ctx.request.databaseName() + " --to=" + dump),
                c.shell("sha256sum " + dump)).build());
        steps.add(ctx.step(StepKey.OFF_SEED_UNBIND).on(id).run(c.admin(true, "unbind")).build());
        return new PlanPhase(PhaseKind.SEED_CORE, "Seed core " + id + " (5.3.3 2)", id, steps);
    }

    private PlanPhase otherCore(ServerSpec core, ServerSpec seed) {
        ServerCommands c = ctx.on(core);
        String id = core.id();
        List<PlannedStep> steps = new ArrayList<>();
        steps.add(ctx.step(StepKey.OFF_CORE_DELETE_DB).on(id).run(deleteDb(core)).build());
        steps.add(ctx.step(StepKey.OFF_CORE_INSTALL).on(id).run(c.installNewVersion()).run(c.installConf(ConfVariant.FINAL)).build());
        steps.add(moveDbms(StepKey.OFF_CORE_MOVE_DBMS, core, c));
        steps.add(ctx.step(StepKey.OFF_CORE_UNBIND).on(id).run(unbindIfBound(c)).build());
        steps.add(ctx.step(StepKey.OFF_CORE_LOAD).on(id).run(load(core, seed)).build());
        return new PlanPhase(PhaseKind.OTHER_CORE, "Core " + id + " (5.3.3 3)", id, steps);
    }

    /**
     * 3e on a core whose data directory may be fresh: a new tarball installation has no cluster state, and
     * {@code neo4j-admin unbind} then refuses ("Cluster state directory does not exist", measured on 3.4.6). The step
     * matters where the data directory, and so the old cluster state, survived the install (data outside
     * NEO4J_HOME, packages): there it unbinds; elsewhere it says there is nothing to unbind.
     */
    private static Command.Shell unbindIfBound(ServerCommands c) {
        String state = c.newDataDir() + "/cluster-state";
        Command.Shell unbind = c.admin(true, "unbind");
        return new Command.Shell(unbind.server(), "if [ -d " + state + " ]; then " + unbind.line()
                + "; else echo 'No cluster state in " + state + ": nothing to unbind (a fresh installation)'; fi");
    }

    private PlanPhase startCores(ServerSpec seed) {
        List<Command> commands = new ArrayList<>();
        ctx.cores().forEach(s -> commands.add(ctx.on(s).start(true)));
        commands.add(new Command.Cypher(seed.id(), "CALL dbms.cluster.overview()"));
        commands.add(new Command.Cypher(seed.id(), "CALL dbms.components()"));
        PlannedStep step = ctx.step(StepKey.OFF_START_CORES).run(commands).build();
        return new PlanPhase(PhaseKind.START_CORES, "Start all cores (5.3.3 4)", null, List.of(step));
    }

    private PlanPhase readReplica(ServerSpec rr, ServerSpec seed) {
        ServerCommands c = ctx.on(rr);
        String id = rr.id();
        List<PlannedStep> steps = new ArrayList<>();
        // Already stopped by OFF_STOP_ALL; the manual repeats it and a second stop is harmless.
        steps.add(ctx.step(StepKey.OFF_RR_STOP).on(id).run(c.stop(false)).build());
        steps.add(ctx.step(StepKey.OFF_RR_DELETE_DB).on(id).run(deleteDb(rr)).build());
        steps.add(ctx.step(StepKey.OFF_RR_INSTALL).on(id).run(c.installNewVersion()).run(c.installConf(ConfVariant.FINAL)).build());
        steps.add(moveDbms(StepKey.OFF_RR_MOVE_DBMS, rr, c));
        StepBuilder load = ctx.step(StepKey.OFF_RR_LOAD).on(id);
        if (ctx.request.rrSeeding() == RrSeeding.STORE_COPY) load.skip(SkipReason.storeCopy(id));
        else load.run(load(rr, seed));
        steps.add(load.build());
        steps.add(ctx.step(StepKey.OFF_RR_START).on(id).run(c.start(true),
                new Command.Cypher(id, "CALL dbms.cluster.overview()"),
                new Command.Cypher(id, "CALL dbms.components()")).build());
        return new PlanPhase(PhaseKind.READ_REPLICA, "Read replica " + id + " (5.3.3 5)", id, steps);
    }

    private List<Command> deleteDb(ServerSpec s) {
        return List.of(ctx.on(s).shell("rm -rf " + s.dataDir() + "/databases/" + ctx.request.databaseName()));
    }

    /** The backed-up data/dbms goes into the new data directory; needed only when the data directory moves. */
    private PlannedStep moveDbms(StepKey key, ServerSpec s, ServerCommands c) {
        StepBuilder b = ctx.step(key).on(s.id());
        if (!s.nativeAuth()) b.skip(SkipReason.authNotNative(s.id()));
        else if (!c.dataMovesWithInstall()) b.skip(SkipReason.dataInPlace(s.id(), c.newDataDir()));
        else b.run(c.restoreDbms(ctx.dbmsArchive(s)));
        return b.build();
    }

    /** The seed's dump, carried through the panel into the staging directory, checked and loaded over whatever is there. */
    private List<Command> load(ServerSpec s, ServerSpec seed) {
        ServerCommands c = ctx.on(s);
        String dump = c.staging() + "/" + ctx.request.databaseName() + ".dump";
        return List.of(
                new Command.Transfer(s.id(), seed.id(), ctx.dumpFile(seed), dump),
                c.shell("sha256sum " + dump),
                c.admin(true, "load --from=" + dump + " --database=" + ctx.request.databaseName() + " --force"));
    }
}
