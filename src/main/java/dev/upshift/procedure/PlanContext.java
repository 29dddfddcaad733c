package dev.upshift.procedure;

import java.util.List;
import java.util.Map;

/** What the step builders share while one plan is made. */
final class PlanContext {

    final ProcedureCatalogue catalogue;
    final PlanRequest request;
    private final Map<String, ServerCommands> commands;

    PlanContext(ProcedureCatalogue catalogue, PlanRequest request, Map<String, ServerCommands> commands) {
        this.catalogue = catalogue;
        this.request = request;
        this.commands = commands;
    }

    StepBuilder step(StepKey key) {
        return StepBuilder.step(catalogue, key);
    }

    ServerCommands on(ServerSpec server) {
        return commands.get(server.id());
    }

    /** Servers in rolling order: followers, the leader, read replicas. */
    List<ServerSpec> rollingOrder() {
        return RollingOrder.order(request.servers());
    }

    List<ServerSpec> cores() {
        return rollingOrder().stream().filter(ServerSpec::isCore).toList();
    }

    List<ServerSpec> readReplicas() {
        return rollingOrder().stream().filter(s -> !s.isCore()).toList();
    }

    /** The offline seed core: as requested, else the first core by address. */
    ServerSpec seed() {
        if (request.seedId() != null) {
            return request.servers().stream().filter(s -> s.id().equals(request.seedId())).findFirst().orElseThrow();
        }
        return RollingOrder.firstCore(request.servers());
    }

    /** The server that takes the pre- and post-upgrade full backups: the seed (offline) or the first core by address. */
    ServerSpec backupServer() {
        return request.method() == Method.OFFLINE ? seed() : RollingOrder.firstCore(request.servers());
    }

    /** This upgrade's backup directory on a server. */
    String backupDir(ServerSpec server) {
        return server.backupDir() + "/" + request.label();
    }

    String dumpFile(ServerSpec server) {
        return backupDir(server) + "/" + request.databaseName() + ".dump";
    }

    String dbmsArchive(ServerSpec server) {
        return backupDir(server) + "/dbms.tar.gz";
    }
}
