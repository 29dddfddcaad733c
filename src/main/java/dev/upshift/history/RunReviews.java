package dev.upshift.history;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
import dev.upshift.monitor.MembershipChangeRepository;
import dev.upshift.monitor.MembershipView;
import dev.upshift.procedure.ServerRole;
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
    private final Clock clock;

    RunReviews(RunQueries runs, JdbcTemplate jdbc, MembershipChangeRepository changes, MembershipView membership,
               Clock clock) {
        this.runs = runs;
        this.jdbc = jdbc;
        this.changes = changes;
        this.membership = membership;
        this.clock = clock;
    }

    /** @throws dev.upshift.run.RunNotFoundException when there is no such run */
    @PreAuthorize(Roles.ANY_ROLE)
    public RunReview review(Long runId) {
        RunView run = runs.get(runId);
        Instant end = run.endedAt() != null ? run.endedAt() : clock.instant();
        List<StepRecord> steps = run.steps().stream().map(s -> new StepRecord(s, RunReview.duration(s.startedAt(),
                s.endedAt()), s.startedAt() == null ? List.of() : runs.output(run.id(), s.id(), 0))).toList();
        TimelinePicture picture = TimelinePicture.of(servers(runId), run.steps().stream()
                .map(s -> new StepSpan(s.key(), s.server(), s.status(), s.startedAt(), s.endedAt())).toList(),
                run.startedAt(), run.startedAt() == null ? null : end);
        List<MembershipChange> during = run.startedAt() == null ? List.of()
                : changes.findByClusterIdAndOccurredAtBetweenOrderByIdAsc(run.clusterId(), run.startedAt(), end);
        return new RunReview(run, phases(run), steps, picture, Backups.of(run.steps()), during,
                finalMembership(run, end), List.of());
    }

    private List<ServerLane> servers(Long runId) {
        return jdbc.query("select server, role from run_server where run_id = ? order by id",
                (rs, n) -> new ServerLane(rs.getString(1), ServerRole.valueOf(rs.getString(2)).isCore()), runId);
    }

    private static List<Phase> phases(RunView run) {
        Map<Integer, List<StepView>> byPhase = new LinkedHashMap<>();
        run.steps().forEach(s -> byPhase.computeIfAbsent(s.phase(), k -> new ArrayList<>()).add(s));
        return byPhase.entrySet().stream().map(e -> new Phase(e.getKey(), e.getValue().get(0).phaseKind(),
                e.getValue().get(0).phaseTitle(), e.getValue())).toList();
    }

    private FinalMembership finalMembership(RunView run, Instant end) {
        if (run.startedAt() != null) {
            FinalMembership replayed = FinalMembership.replay(
                    changes.findByClusterIdAndOccurredAtBetweenOrderByIdAsc(run.clusterId(), Instant.EPOCH, end), end);
            if (!replayed.members().isEmpty()) return replayed;
        }
        return FinalMembership.of(membership.current(run.clusterId()));
    }
}
