package dev.upshift.procedure;

import java.util.ArrayList;
import java.util.List;

/** The steps before any method (5.3.1) and the full backup after the upgrade. */
final class PrePostSteps {

    private final PlanContext ctx;

    PrePostSteps(PlanContext ctx) {
        this.ctx = ctx;
    }

    PlanPhase pre() {
        List<PlannedStep> steps = new ArrayList<>();
        List<ServerSpec> servers = ctx.rollingOrder();

        List<Command> checks = new ArrayList<>();
        checks.add(new Command.Cypher(ctx.backupServer().id(), "CALL dbms.cluster.overview()"));
        servers.forEach(s -> checks.add(new Command.Cypher(s.id(), "CALL dbms.components()")));
        steps.add(ctx.step(StepKey.PRE_PLANNING).run(checks).build());

        for (ServerSpec s : servers) {
            ServerCommands c = ctx.on(s);
            String dir = ctx.backupDir(s);
            steps.add(ctx.step(StepKey.PRE_BACKUP_CONF).on(s.id()).run(
                    c.mkdirForAdmin(dir),
                    c.shell("cp -p " + s.confDir() + "/neo4j.conf " + dir + "/neo4j.conf"),
                    c.shell("sha256sum " + s.confDir() + "/neo4j.conf " + dir + "/neo4j.conf")).build());
        }
        for (ServerSpec s : servers) {
            ServerCommands c = ctx.on(s);
            StepBuilder b = ctx.step(StepKey.PRE_BACKUP_DBMS).on(s.id());
            if (!s.nativeAuth()) {
                b.skip(SkipReason.authNotNative(s.id()));
            } else {
                b.run(c.mkdirForAdmin(ctx.backupDir(s)),
                        c.shell("tar -czf " + ctx.dbmsArchive(s) + " -C " + s.dataDir() + " dbms"),
                        c.shell("sha256sum " + ctx.dbmsArchive(s)));
            }
            steps.add(b.build());
        }
        ServerSpec backup = ctx.backupServer();
        steps.add(ctx.step(StepKey.PRE_VERIFY_FULL_BACKUP).run(fullBackup(backup, ctx.backupDir(backup) + "/full-backup", false)).build());

        // A replacement's conf starts from the one of the member it replaces (5.3.2.2 2); the old members keep theirs.
        for (ServerSpec s : servers) {
            ServerSpec target = ctx.request.replacements().getOrDefault(s.id(), s);
            steps.add(ctx.step(StepKey.PRE_PREPARE_CONF).on(target.id()).run(fetchConf(s)).build());
        }
        if (ctx.request.method().isRolling()) {
            steps.add(ctx.step(StepKey.ROLLING_WRITE_LOAD_ADVISORY).build());
        }
        return new PlanPhase(PhaseKind.PRE_UPGRADE, "Before the upgrade (5.3.1)", null, steps);
    }

    PlanPhase post() {
        ServerSpec backup = ctx.backupServer();
        ServerSpec replacement = ctx.request.replacements().get(backup.id());
        if (ctx.request.method() == Method.ROLLING_REPLACEABLE && replacement != null) {
            backup = replacement;   // the old member is shut down by then
        }
        String dir = ctx.backupDir(backup) + "/post-upgrade-full-backup";
        ServerCommands c = ctx.on(backup);
        List<Command> commands = new ArrayList<>();
        // An incremental backup onto a pre-upgrade one is not possible: refuse a non-empty target directory.
        commands.add(c.shell("test ! -e " + dir + " || [ -z \"$(ls -A " + dir + ")\" ]"));
        commands.addAll(fullBackup(backup, dir, true));
        PlannedStep step = ctx.step(StepKey.POST_FULL_BACKUP).run(commands).build();
        return new PlanPhase(PhaseKind.POST_UPGRADE, "After the upgrade", null, List.of(step));
    }

    private List<Command> fullBackup(ServerSpec server, String dir, boolean newInstall) {
        ServerCommands c = ctx.on(server);
        // Runs on the member itself against its backup port (dbms.backup.address, 6362 by default).
        return List.of(c.mkdirForAdmin(dir),
                c.admin(newInstall, "backup --from=" + server.address() + ":6362 --backup-dir=" + dir + " --name="
                                + ctx.request.databaseName() + " --check-consistency=true"));
    }

    private List<Command> fetchConf(ServerSpec s) {
        return List.of(ctx.on(s).shell("cat " + s.confDir() + "/neo4j.conf"));
    }
}
