package dev.upshift.procedure;

import java.util.List;
import java.util.Map;

/**
 * Everything the planner needs for one cluster.
 *
 * @param servers      every member, with its role as known now
 * @param install      per server id (replacements included): how the new version gets there
 * @param replacements rolling-replaceable only: per server id, the new server that replaces it
 * @param seedId       offline only: the core that upgrades the store; null means the first core by address
 * @param rrSeeding    offline only: how read replicas get the upgraded database
 * @param databaseName {@code dbms.active_database}, {@code graph.db} by default
 * @param label        names this upgrade's backup directory under each server's backupDir (e.g. the run's id)
 * @param stagingDir   where the panel uploads prepared files before they are copied into place
 */
public record PlanRequest(List<ServerSpec> servers, Neo4jVersion source, Neo4jVersion target, Method method,
                          Map<String, InstallDetails> install, Map<String, ServerSpec> replacements, String seedId,
                          RrSeeding rrSeeding, String databaseName, String label, String stagingDir) {

    public PlanRequest {
        servers = List.copyOf(servers);
        install = Map.copyOf(install);
        replacements = replacements == null ? Map.of() : Map.copyOf(replacements);
        rrSeeding = rrSeeding == null ? RrSeeding.LOAD : rrSeeding;
        databaseName = databaseName == null ? "graph.db" : databaseName;
        label = label == null ? "upshift-" + source + "-to-" + target : label;
        stagingDir = stagingDir == null ? "/tmp/upshift" : stagingDir;
    }

    /** A request with the defaults: no replacements, default seed, read replicas load the dump. */
    public static PlanRequest of(List<ServerSpec> servers, String source, String target, Method method,
                                 Map<String, InstallDetails> install) {
        return new PlanRequest(servers, Neo4jVersion.parse(source), Neo4jVersion.parse(target), method, install,
                Map.of(), null, null, null, null, null);
    }

    public PlanRequest withReplacements(Map<String, ServerSpec> r) {
        return new PlanRequest(servers, source, target, method, install, r, seedId, rrSeeding, databaseName, label, stagingDir);
    }

    public PlanRequest withSeed(String id) {
        return new PlanRequest(servers, source, target, method, install, replacements, id, rrSeeding, databaseName, label, stagingDir);
    }

    public PlanRequest withRrSeeding(RrSeeding s) {
        return new PlanRequest(servers, source, target, method, install, replacements, seedId, s, databaseName, label, stagingDir);
    }

    public PlanRequest withLabel(String l) {
        return new PlanRequest(servers, source, target, method, install, replacements, seedId, rrSeeding, databaseName, l, stagingDir);
    }
}
