package dev.upshift.procedure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plans the rollback of a failed or aborted upgrade. Neo4j has no downgrade (5.3.1 Limitations): going back means
 * the source version on every server, the neo4j.conf and data/dbms backed up before the upgrade, and the database of
 * the pre-upgrade full backup. In order:
 * <ol>
 * <li>every server stopped, whichever installation it runs from ({@code RB_STOP_ALL});</li>
 * <li>the pre-upgrade full backup still there, packed for the servers that restore from a copy ({@code RB_VERIFY_BACKUP});</li>
 * <li>per server: the source version back ({@code RB_REINSTALL}: the source NEO4J_HOME when intact, else its tarball
 * or package; a tarball's new NEO4J_HOME moved aside), its conf ({@code RB_RESTORE_CONF}, checksum verified) and data/dbms ({@code RB_RESTORE_DBMS}), the
 * database restored from the backup with {@code neo4j-admin restore --force} ({@code RB_RESTORE_DB}), and on a core
 * {@code neo4j-admin unbind} ({@code RB_UNBIND}: its cluster state knows transactions the restored store has not);</li>
 * <li>the cores started together and the cluster formed on the source version ({@code RB_START_CORES});</li>
 * <li>each read replica started and joined ({@code RB_RR_START}).</li>
 * </ol>
 * Every server restores the same backup, so the cores form a cluster on one store (as after an offline upgrade's
 * load), and a read replica does not serve transactions the cores no longer have.
 *
 * <p>Pure: no I/O, no clock. Whether the backup exists is the caller's to check before asking.
 */
public final class RollbackPlanner {

    private final ProcedureCatalogue catalogue;

    public RollbackPlanner(ProcedureCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public static RollbackPlanner standard() {
        return new RollbackPlanner(ProcedureCatalogue.standard());
    }

    public Plan plan(RollbackRequest r) {
        List<RollbackRequest.Server> members = inOrder(r.servers().stream().filter(RollbackRequest.Server::member).toList());
        if (members.stream().noneMatch(s -> s.source().isCore())) {
            throw new PlanRefusedException(RefusalCode.INVALID_TOPOLOGY, "The run had no core server to roll back.", null);
        }
        if (members.stream().noneMatch(s -> s.id().equals(r.backup().server()))) {
            throw new PlanRefusedException(RefusalCode.INVALID_TOPOLOGY, "The pre-upgrade backup is on "
                    + r.backup().server() + ", which is not a member of the cluster.", null);
        }
        boolean copies = members.size() > 1;
        List<PlanPhase> phases = new ArrayList<>();
        phases.add(shutdown(r));
        phases.add(backup(r, copies));
        for (RollbackRequest.Server s : members) phases.add(server(r, s));
        phases.add(startCores(r, members));
        for (RollbackRequest.Server s : members) {
            if (!s.source().isCore()) phases.add(readReplica(r, s));
        }
        List<String> advisories = new ArrayList<>();
        advisories.add("The database goes back to the full backup taken before run " + r.failedRun() + " changed anything"
                + " (PRE_VERIFY_FULL_BACKUP): whatever was written after that backup is lost. Neo4j has no downgrade.");
        r.servers().stream().filter(s -> !s.member()).forEach(s -> advisories.add(s.id() + " was added by run "
                + r.failedRun() + " (a replacement): the rollback only stops it; remove it from the cluster's servers."));
        // A store restored from the source version's backup is in the source's format by construction: no format to expect.
        return new Plan(r.method(), r.from(), r.to(), null, r.backup().server(), phases, List.of("restore-backup"),
                advisories, List.of());
    }

    /** Cores first (followers, then the leader, by address), then read replicas: the order of {@link RollingOrder}. */
    private static List<RollbackRequest.Server> inOrder(List<RollbackRequest.Server> servers) {
        List<ServerSpec> order = RollingOrder.order(servers.stream().map(RollbackRequest.Server::source).toList());
        return servers.stream().sorted(Comparator.comparing(s -> order.indexOf(s.source()))).toList();
    }

    private StepBuilder step(StepKey key) {
        return StepBuilder.step(catalogue, key);
    }

    private static ServerCommands on(RollbackRequest r, RollbackRequest.Server s) {
        // No new installation: the commands are those of the source one (its NEO4J_HOME, its neo4j-admin).
        return new ServerCommands(s.source(), InstallDetails.packaged(), r.to(), r.workDir());
    }

    private PlanPhase shutdown(RollbackRequest r) {
        List<RollbackRequest.Server> order = new ArrayList<>(r.servers().stream().filter(s -> !s.source().isCore()).toList());
        order.addAll(r.servers().stream().filter(s -> s.source().isCore()).toList());
        List<Command> stops = new ArrayList<>();
        for (RollbackRequest.Server s : order) {
            ServerCommands c = on(r, s);
            if (s.source().installType() != InstallType.TARBALL) {
                stops.add(c.stop(false));
                continue;
            }
            // Either installation may run (an aborted offline upgrade leaves the seed running the new one); a home
            // that is not there has nothing to stop.
            if (s.upgradedHome() != null && !s.upgradedHome().equals(s.source().neo4jHome())) {
                stops.add(stopIfInstalled(c, s.upgradedHome()));
            }
            stops.add(stopIfInstalled(c, s.source().neo4jHome()));
        }
        PlannedStep step = step(StepKey.RB_STOP_ALL).run(stops).build();
        return new PlanPhase(PhaseKind.SHUTDOWN, "Shut down every server (rollback of run " + r.failedRun() + ")", null, List.of(step));
    }

    private static Command.Shell stopIfInstalled(ServerCommands c, String home) {
        return c.shell("test ! -x " + home + "/bin/neo4j || " + home + "/bin/neo4j stop");
    }

    private PlanPhase backup(RollbackRequest r, boolean pack) {
        RollbackRequest.Server holder = r.servers().stream().filter(s -> s.id().equals(r.backup().server())).findFirst().orElseThrow();
        List<Command> commands = RollbackCommands.verifyBackup(r, on(r, holder), pack);
        PlannedStep step = step(StepKey.RB_VERIFY_BACKUP).on(holder.id()).run(commands).build();
        return new PlanPhase(PhaseKind.ROLLBACK_BACKUP, "The pre-upgrade full backup on " + holder.id(), holder.id(), List.of(step));
    }

    private PlanPhase server(RollbackRequest r, RollbackRequest.Server s) {
        ServerCommands c = on(r, s);
        String id = s.id();
        List<PlannedStep> steps = new ArrayList<>();
        StepBuilder reinstall = step(StepKey.RB_REINSTALL).on(id);
        if (!s.touched()) reinstall.skip(untouched(r, id));
        else reinstall.run(RollbackCommands.reinstall(r, s, c));
        steps.add(reinstall.build());

        StepBuilder conf = step(StepKey.RB_RESTORE_CONF).on(id);
        if (s.conf() == null) conf.skip(noBackup("NO_CONF_BACKUP", r, id, "neo4j.conf (PRE_BACKUP_CONF)"));
        else conf.run(RollbackCommands.restoreConf(s, c));
        steps.add(conf.build());

        StepBuilder dbms = step(StepKey.RB_RESTORE_DBMS).on(id);
        if (!s.source().nativeAuth()) dbms.skip(SkipReason.authNotNative(id));
        else if (s.dbms() == null) dbms.skip(noBackup("NO_DBMS_BACKUP", r, id, "data/dbms (PRE_BACKUP_DBMS)"));
        else dbms.run(RollbackCommands.restoreDbms(s, c));
        steps.add(dbms.build());

        steps.add(step(StepKey.RB_RESTORE_DB).on(id).run(RollbackCommands.restoreDb(r, s, c)).build());
        if (s.source().isCore()) {
            steps.add(step(StepKey.RB_UNBIND).on(id).run(RollbackCommands.unbindIfBound(c, s.source().dataDir())).build());
        }
        return new PlanPhase(PhaseKind.ROLLBACK_SERVER, (s.source().isCore() ? "Core " : "Read replica ") + id
                + " back on " + r.to(), id, steps);
    }

    private PlanPhase startCores(RollbackRequest r, List<RollbackRequest.Server> members) {
        List<Command> commands = new ArrayList<>();
        members.stream().filter(s -> s.source().isCore()).forEach(s -> commands.add(on(r, s).start(false)));
        commands.add(new Command.Cypher(r.backup().server(), "CALL dbms.cluster.overview()"));
        commands.add(new Command.Cypher(r.backup().server(), "CALL dbms.components()"));
        PlannedStep step = step(StepKey.RB_START_CORES).run(commands).build();
        return new PlanPhase(PhaseKind.START_CORES, "Start all cores on " + r.to(), null, List.of(step));
    }

    private PlanPhase readReplica(RollbackRequest r, RollbackRequest.Server s) {
        String id = s.id();
        // The overview is asked of a core: a 3.3 read replica has no dbms.cluster.overview() (measured on 3.3.5: "There
        // is no procedure with the name `dbms.cluster.overview` registered"); 3.4's has.
        PlannedStep step = step(StepKey.RB_RR_START).on(id).run(on(r, s).start(false),
                new Command.Cypher(r.backup().server(), "CALL dbms.cluster.overview()"),
                new Command.Cypher(id, "CALL dbms.components()")).build();
        return new PlanPhase(PhaseKind.READ_REPLICA, "Read replica " + id + " on " + r.to(), id, List.of(step));
    }

    private static SkipReason untouched(RollbackRequest r, String id) {
        return new SkipReason("NOT_TOUCHED", "Run " + r.failedRun() + " never installed " + r.from() + " on " + id
                + ": its " + r.to() + " installation is as it was.");
    }

    private static SkipReason noBackup(String code, RollbackRequest r, String id, String what) {
        return new SkipReason(code, "Run " + r.failedRun() + " recorded no backup of " + what + " for " + id
                + ", so there is nothing to put back; what is there stays.");
    }
}
