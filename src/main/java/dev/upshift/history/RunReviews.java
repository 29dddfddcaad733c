package dev.upshift.history;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import dev.upshift.history.RunReview.Phase;
import dev.upshift.history.RunReview.StepRecord;
import dev.upshift.history.TimelinePicture.ServerLane;
import dev.upshift.history.TimelinePicture.StepSpan;
import dev.upshift.monitor.MembershipChange;
import dev.upshift.monitor.MembershipChangeKind;
import dev.upshift.monitor.MembershipChangeRepository;
import dev.upshift.monitor.MembershipView;
import dev.upshift.procedure.ServerRole;
import dev.upshift.run.OutputLineView;
import dev.upshift.run.RunApprovals;
import dev.upshift.run.RunQueries;
import dev.upshift.run.RunView;
import dev.upshift.run.RunView.StepView;
import dev.upshift.security.Roles;

/** Assembles a {@link RunReview} from the run's record, its servers, its steps' output and the membership log. */
@Service
public class RunReviews {

    private final RunQueries runs;
    private final JdbcTemplate jdbc;
    private final MembershipChangeRepository changes;
    private final MembershipView membership;
    private final RunApprovals approvals;
    private final Clock clock;

    RunReviews(RunQueries runs, JdbcTemplate jdbc, MembershipChangeRepository changes, MembershipView membership,
               RunApprovals approvals, Clock clock) {
        this.runs = runs;
        this.jdbc = jdbc;
        this.changes = changes;
        this.membership = membership;
        this.approvals = approvals;
        this.clock = clock;
    }

    /** @throws dev.upshift.run.RunNotFoundException when there is no such run */
    @PreAuthorize(Roles.ANY_ROLE)
    public RunReview review(Long runId) {
        RunView run = runs.get(runId);
        Instant end = run.endedAt() != null ? run.endedAt() : clock.instant();
        Map<Long, List<OutputLineView>> output = output(runId);
        List<StepRecord> steps = run.steps().stream().map(s -> new StepRecord(s, RunReview.duration(s.startedAt(),
                s.endedAt()), s.startedAt() == null ? List.of() : output.getOrDefault(s.id(), List.of()))).toList();
        TimelinePicture picture = TimelinePicture.of(servers(runId), run.steps().stream()
                .map(s -> new StepSpan(s.key(), s.server(), s.status(), s.startedAt(), s.endedAt())).toList(),
                run.startedAt(), run.startedAt() == null ? null : end);
        List<MembershipChange> during = run.startedAt() == null ? List.of()
                : changes.findByClusterIdAndOccurredAtBetweenOrderByIdAsc(run.clusterId(), run.startedAt(), end);
        return new RunReview(run, phases(run), steps, picture, Backups.of(run.steps()), during,
                finalMembership(run, end), approvals.approvals(runId));
    }

    /** Every step's stored output in one query (not two per step), by step id, in order. */
    private Map<Long, List<OutputLineView>> output(Long runId) {
        Map<Long, List<OutputLineView>> byStep = new HashMap<>();
        jdbc.query("select o.step_id, o.seq, o.at, o.stream, o.text from step_output o join run_step s on s.id = o.step_id "
                + "where s.run_id = ? and o.seq > 0 order by o.step_id, o.seq", rs -> {
                    byStep.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new OutputLineView(rs.getInt(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getString(5)));
                }, runId);
        return byStep;
    }

    private List<ServerLane> servers(Long runId) {
        return jdbc.query("select server, role from run_server where run_id = ? order by id",
                (rs, n) -> new ServerLane(rs.getString(1), ServerRole.valueOf(rs.getString(2)).isCore()), runId);
    }

    /**
     * The cluster's whole change log up to {@code end}, as the replay reads it: plain rows, not managed entities (a
     * cluster with a year of runs has tens of thousands), and without the changes of no member (the replay skips them).
     */
    private List<MembershipChange> changeLog(Long clusterId, Instant end) {
        return jdbc.query("select occurred_at, kind, address, from_value, to_value from membership_change "
                        + "where cluster_id = ? and occurred_at between ? and ? and address is not null order by id",
                (rs, n) -> new MembershipChange(clusterId, rs.getObject(1, OffsetDateTime.class).toInstant(),
                        MembershipChangeKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5), null),
                clusterId, OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC), OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
    }

    private static List<Phase> phases(RunView run) {
        Map<Integer, List<StepView>> byPhase = new LinkedHashMap<>();
        run.steps().forEach(s -> byPhase.computeIfAbsent(s.phase(), k -> new ArrayList<>()).add(s));
        return byPhase.entrySet().stream().map(e -> new Phase(e.getKey(), e.getValue().get(0).phaseKind(),
                e.getValue().get(0).phaseTitle(), e.getValue())).toList();
    }

    private FinalMembership finalMembership(RunView run, Instant end) {
        if (run.startedAt() != null) {
            FinalMembership replayed = FinalMembership.replay(changeLog(run.clusterId(), end), end);
            if (!replayed.members().isEmpty()) return replayed;
        }
        return FinalMembership.of(membership.current(run.clusterId()));
    }
}
