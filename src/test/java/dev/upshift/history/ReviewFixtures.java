package dev.upshift.history;

import java.time.Instant;
import java.util.List;

import dev.upshift.history.RunReview.StepRecord;
import dev.upshift.monitor.MembershipChange;
import dev.upshift.monitor.MembershipChangeKind;
import dev.upshift.run.OutputLineView;
import dev.upshift.run.RunStatus;
import dev.upshift.run.RunView;
import dev.upshift.run.RunView.CheckView;
import dev.upshift.run.RunView.StepView;
import dev.upshift.run.StepCommand;
import dev.upshift.run.StepStatus;

/** A small finished run, as the review reads it, for the unit tests of the writers. */
final class ReviewFixtures {

    static final Instant T0 = Instant.parse("2026-11-26T02:00:00Z");
    static final String SHA = "a".repeat(64);

    private ReviewFixtures() {
    }

    static StepView step(long id, int position, int phase, String key, String server, StepStatus status, Integer start,
                         Integer end, String notes, String skipReason) {
        return new StepView(id, position, phase, "SERVER", "Upgrade " + (server == null ? "the cluster" : server), key,
                server, "5.3.2.1 1a", "Stop the server.", "PANEL_SSH",
                List.of(new StepCommand("shell", server, "neo4j stop | tee /tmp/x", "neo4j stop", null, null, null, null,
                        null, null)), "gone", "MEMBER_STOPPED", true, "NONE", List.of(), status, null, skipReason, null,
                start == null ? null : "dba", start == null ? null : T0.plusSeconds(start),
                end == null ? null : T0.plusSeconds(end), start == null ? null : 0, notes, null, 1, 0, 0,
                start == null ? null : T0.plusSeconds(start));
    }

    static RunReview review() {
        List<StepView> steps = List.of(
                step(11, 0, 0, "PRE_BACKUP_CONF", "10.0.0.1", StepStatus.SUCCEEDED, 0, 5,
                        "SHA-256: " + SHA + "  /backup/neo4j.conf; " + SHA + "  /opt/neo4j/conf/neo4j.conf", null),
                step(12, 1, 1, "SRV_STOP", "10.0.0.1", StepStatus.SUCCEEDED, 10, 70, "stopped\nby the panel", null),
                step(13, 2, 1, "SRV_INSTALL", "10.0.0.1", StepStatus.SKIPPED, null, 80, null,
                        "already | installed\r\nby hand <b>"));
        RunView run = new RunView(42L, 5L, "prod|east", RunStatus.SUCCEEDED, null, "rolling-fixed", "auto", "3.4.5",
                "3.4.6", null, null, List.of("no-downgrade"), List.of("no-downgrade"), List.of(), "planner", T0.minusSeconds(60),
                "dba", T0, T0.plusSeconds(100), null, steps,
                List.of(new CheckView("versions", "10.0.0.1", true, "3.4.5 everywhere", T0.minusSeconds(30))), "upgrade", null, List.of());
        List<StepRecord> records = steps.stream().map(s -> new StepRecord(s, RunReview.duration(s.startedAt(), s.endedAt()),
                List.of(new OutputLineView(1, T0, "STDOUT", "ok")))).toList();
        List<MembershipChange> changes = List.of(new MembershipChange(5L, T0.plusSeconds(20),
                MembershipChangeKind.MEMBER_LEFT, "10.0.0.1", "FOLLOWER", null, null));
        return new RunReview(run, List.of(new RunReview.Phase(0, "PRE", "Before", List.of(steps.get(0))),
                new RunReview.Phase(1, "SERVER", "Upgrade 10.0.0.1", steps.subList(1, 3))), records,
                TimelinePicture.of(List.of(new TimelinePicture.ServerLane("10.0.0.1", true)), List.of(), T0,
                        T0.plusSeconds(100)), Backups.of(steps), changes,
                FinalMembership.replay(changes, T0.plusSeconds(100)), List.of());
    }
}
