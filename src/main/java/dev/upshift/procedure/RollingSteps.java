package dev.upshift.procedure;

import java.util.ArrayList;
import java.util.List;

/** The per-server phases of the two rolling variants (5.3.2.1 and 5.3.2.2). */
final class RollingSteps {

    private final PlanContext ctx;

    RollingSteps(PlanContext ctx) {
        this.ctx = ctx;
    }

    /** 5.3.2.1: each server in turn is stopped, upgraded in place, started and seen to rejoin. */
    List<PlanPhase> fixed() {
        List<PlanPhase> phases = new ArrayList<>();
        for (ServerSpec s : ctx.rollingOrder()) {
            ServerCommands c = ctx.on(s);
            List<PlannedStep> steps = new ArrayList<>();
            steps.add(ctx.step(StepKey.SRV_STOP).on(s.id()).run(c.stop(false))
                    .gate(Gate.SAFE_TO_STOP).recheckLeader(s.isCore()).build());

            StepBuilder install = ctx.step(StepKey.SRV_INSTALL).on(s.id()).run(c.installNewVersion()).run(c.installConf(ConfVariant.FINAL));
            if (c.dataMovesWithInstall()) {
                install.run(c.copyData());
            } else if (s.installType() == InstallType.TARBALL) {
                install.omit(SkipReason.dataOutsideHome(s.id(), s.dataDir()));
            }
            steps.add(install.build());

            steps.add(ctx.step(StepKey.SRV_START).on(s.id()).run(c.start(true)).build());
            steps.add(ctx.step(StepKey.SRV_VERIFY_JOINED).on(s.id()).run(joinedChecks(s)).build());
            phases.add(new PlanPhase(PhaseKind.SERVER, title(s), s.id(), steps));
        }
        return phases;
    }

    /** 5.3.2.2: for each server a replacement is set up, joins by store copy, then the old one is shut down. */
    List<PlanPhase> replaceable() {
        List<PlanPhase> phases = new ArrayList<>();
        for (ServerSpec old : ctx.rollingOrder()) {
            ServerSpec neu = ctx.request.replacements().get(old.id());
            ServerCommands n = ctx.on(neu);
            List<PlannedStep> steps = new ArrayList<>();
            // The phase's place assumes today's leader: the engine re-applies RollingOrder before starting it.
            steps.add(ctx.step(StepKey.RR_NEW_INSTANCE).on(neu.id()).run(n.installNewVersion()).recheckLeader(old.isCore()).build());
            steps.add(ctx.step(StepKey.RR_PLACE_CONF).on(neu.id()).run(n.installConf(ConfVariant.FINAL)).build());

            StepBuilder dbms = ctx.step(StepKey.RR_MOVE_DBMS).on(neu.id());
            if (!old.nativeAuth()) {
                dbms.skip(SkipReason.authNotNative(old.id()));
            } else {
                String staged = n.staging() + "/dbms.tar.gz";
                dbms.run(new Command.Transfer(neu.id(), old.id(), ctx.dbmsArchive(old), staged)).run(n.restoreDbms(staged));
            }
            steps.add(dbms.build());

            steps.add(ctx.step(StepKey.RR_START_STORE_COPY).on(neu.id()).run(n.start(true)).build());
            steps.add(ctx.step(StepKey.RR_VERIFY_JOINED).on(neu.id()).run(joinedChecks(neu)).build());
            steps.add(ctx.step(StepKey.RR_STOP_OLD).on(old.id()).run(ctx.on(old).stop(false)).gate(Gate.SAFE_TO_STOP).build());
            phases.add(new PlanPhase(PhaseKind.SERVER, title(old) + " replaced by " + neu.id(), old.id(), steps));
        }
        return phases;
    }

    /** Asked of the member itself: its view of the overview (a core's includes itself) and its version. */
    private static List<Command> joinedChecks(ServerSpec member) {
        return List.of(new Command.Cypher(member.id(), "CALL dbms.cluster.overview()"),
                new Command.Cypher(member.id(), "CALL dbms.components()"));
    }

    private static String title(ServerSpec s) {
        return (s.isCore() ? "Core " : "Read replica ") + s.id() + " (" + s.role().name().toLowerCase().replace('_', ' ') + " at planning)";
    }
}
