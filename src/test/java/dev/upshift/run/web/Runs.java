package dev.upshift.run.web;

import java.time.Instant;
import java.util.List;

import dev.upshift.cluster.ClusterDetails;
import dev.upshift.cluster.ClusterOrigin;
import dev.upshift.cluster.Neo4jAuth;
import dev.upshift.cluster.ServerRole;
import dev.upshift.run.RunStatus;
import dev.upshift.run.RunView;
import dev.upshift.run.RunView.StepView;
import dev.upshift.run.StepCommand;
import dev.upshift.run.StepStatus;

/** Read models as the run service returns them, for the page tests. */
final class Runs {

    static final Instant T0 = Instant.parse("2026-11-26T02:00:00Z");

    private Runs() {
    }

    static StepView step(long id, int position, int phase, String phaseTitle, String key, String server, StepStatus status) {
        return new StepView(id, position, phase, phase == 0 ? "PRE_UPGRADE" : "SERVER", phaseTitle, key, server, "5.3.2.1",
                "Shut the instance down.", "PANEL_SSH",
                List.of(new StepCommand("shell", server, "/opt/neo4j/bin/neo4j stop", "bin/neo4j stop", null, null, null,
                        null, null, null)),
                "it left dbms.cluster.overview()", "GATE", true, "SAFE_TO_STOP", List.of(), status, null, null, null,
                status == StepStatus.PENDING ? null : "op", status == StepStatus.PENDING ? null : T0,
                status == StepStatus.SUCCEEDED || status == StepStatus.FAILED ? T0.plusSeconds(75) : null,
                status == StepStatus.FAILED ? 1 : null, null,
                status == StepStatus.FAILED ? "exit 1: neo4j did not stop" : null, status == StepStatus.PENDING ? 0 : 1, 3, 0,
                status == StepStatus.PENDING ? null : T0);
    }

    /** A rolling run that failed on its second step, on a 3-core cluster. */
    static RunView failedRun() {
        return failedRun(List.of());
    }

    /** {@link #failedRun()} with the rollback runs planned for it, newest first. */
    static RunView failedRun(List<Long> rolledBackBy) {
        return run(RunStatus.FAILED, 11L, List.of(
                step(10, 0, 0, "Before any method", "PRE_BACKUP_CONF", null, StepStatus.SUCCEEDED),
                step(11, 1, 1, "Server 127.0.0.12", "SRV_STOP", "127.0.0.12", StepStatus.FAILED),
                step(12, 2, 1, "Server 127.0.0.12", "SRV_INSTALL", "127.0.0.12", StepStatus.PENDING)), rolledBackBy);
    }

    static RunView plannedRun() {
        return run(RunStatus.PLANNED, null, List.of(
                step(10, 0, 0, "Before any method", "PRE_BACKUP_CONF", null, StepStatus.PENDING),
                step(11, 1, 1, "Server 127.0.0.12", "SRV_STOP", "127.0.0.12", StepStatus.PENDING)));
    }

    /** Run 2, the PLANNED rollback of run 1 (3.4.6 back to 3.4.5). */
    static RunView rollbackRun() {
        return new RunView(2L, 5L, "practice", RunStatus.PLANNED, null, "rolling-fixed", "auto", "3.4.6", "3.4.5", null, null,
                List.of("restore-backup"), List.of(), List.of(), "op", T0, null, null, null, null,
                List.of(step(20, 0, 0, "Shut down every server", "RB_STOP_ALL", null, StepStatus.PENDING)), List.of(),
                "rollback", 1L, List.of());
    }

    static RunView run(RunStatus status, Long active, List<StepView> steps) {
        return run(status, active, steps, List.of());
    }

    private static RunView run(RunStatus status, Long active, List<StepView> steps, List<Long> rolledBackBy) {
        return new RunView(1L, 5L, "practice", status, status == RunStatus.FAILED ? "Step SRV_STOP failed" : null,
                "rolling-fixed", "auto", "3.4.5", "3.4.6", null, null, List.of("no-downgrade", "write-load"),
                List.of(), List.of("Disable write load during the rolling upgrade."), "op", T0,
                status == RunStatus.PLANNED ? null : "op", status == RunStatus.PLANNED ? null : T0, null, active, steps,
                List.of(), "upgrade", null, rolledBackBy);
    }

    static ClusterDetails cluster() {
        return new ClusterDetails(5L, "practice", "bolt://127.0.0.11:7687", Neo4jAuth.BASIC, "neo4j", ClusterOrigin.LAB,
                "lab-1", T0, T0, List.of(
                server(1, "127.0.0.11", ServerRole.CORE), server(2, "127.0.0.12", ServerRole.CORE),
                server(3, "127.0.0.13", ServerRole.READ_REPLICA)));
    }

    /** {@link #cluster()} with two spare servers registered: a core and a read replica. */
    static ClusterDetails clusterWithSpares() {
        ClusterDetails c = cluster();
        List<ClusterDetails.ServerDetails> servers = new java.util.ArrayList<>(c.servers());
        servers.add(server(4, "127.0.0.21", ServerRole.CORE, true));
        servers.add(server(5, "127.0.0.23", ServerRole.READ_REPLICA, true));
        return new ClusterDetails(c.id(), c.name(), c.boltUri(), c.auth(), c.neo4jUsername(), c.origin(), c.labId(),
                c.createdAt(), c.updatedAt(), servers);
    }

    private static ClusterDetails.ServerDetails server(long id, String address, ServerRole role) {
        return server(id, address, role, false);
    }

    private static ClusterDetails.ServerDetails server(long id, String address, ServerRole role, boolean spare) {
        return new ClusterDetails.ServerDetails(id, address, role, 22, "neo4j", true, false, false, "SHA256:x", "tarball",
                "/opt/neo4j/" + address + "/neo4j-enterprise-3.4.5", "/opt/neo4j/" + address + "/neo4j-enterprise-3.4.5/conf",
                "/opt/neo4j/" + address + "/neo4j-enterprise-3.4.5/data", spare);
    }
}
