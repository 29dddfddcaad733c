package dev.upshift.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A finished run's steps with their start and end as the panel recorded them ({@code GET /api/runs/{id}}), and the
 * members' "own" time against which a run's wall time is measured (the orchestration overhead, issue 8's P2): the
 * whole duration of the steps named as the members' own work (a stop, say), plus, for each server, the time from the
 * start of its start step to the end of its joined step (start-to-joined, the gate's waiting included, as the member
 * takes that long to join). Shared by the journeys that print it and {@code OrchestrationBench}.
 */
public final class StepTimes {

    /** One step that ran (both timestamps set). */
    public record Step(String key, String server, String status, Instant startedAt, Instant endedAt) {
        public Duration duration() {
            return Duration.between(startedAt, endedAt);
        }
    }

    private StepTimes() {
    }

    /** The steps of a run's JSON that started and ended, in plan order (skipped ones have no timestamps). */
    public static List<Step> of(Api.Response run) {
        List<Map<String, Object>> steps = run.read("$.steps");
        List<Step> out = new ArrayList<>();
        for (Map<String, Object> s : steps) {
            if (s.get("startedAt") == null || s.get("endedAt") == null) continue;
            out.add(new Step((String) s.get("key"), (String) s.get("server"), (String) s.get("status"),
                    Instant.parse((String) s.get("startedAt")), Instant.parse((String) s.get("endedAt"))));
        }
        return out;
    }

    /**
     * The members' own time: every step whose key is in {@code whole} counted whole, plus per server the span from
     * the start of its {@code startKey} step to the end of its {@code joinedKey} step (both may be null: no such pair).
     */
    public static Duration own(List<Step> steps, Set<String> whole, String startKey, String joinedKey) {
        Duration own = Duration.ZERO;
        Map<String, Instant> startOf = new HashMap<>();
        for (Step s : steps) {
            if (whole.contains(s.key())) own = own.plus(s.duration());
            if (s.key().equals(startKey)) startOf.put(s.server(), s.startedAt());
            if (s.key().equals(joinedKey)) {
                Instant from = startOf.get(s.server());
                own = own.plus(Duration.between(from != null ? from : s.startedAt(), s.endedAt()));
            }
        }
        return own;
    }

    /** The rolling upgrade's own time: each member's SRV_STOP and its SRV_START to the end of SRV_VERIFY_JOINED. */
    public static Duration rollingOwn(List<Step> steps) {
        return own(steps, Set.of("SRV_STOP"), "SRV_START", "SRV_VERIFY_JOINED");
    }

    /** The sum of every step's duration (what is left of the wall time is the time between steps). */
    public static Duration sum(List<Step> steps) {
        return steps.stream().map(Step::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** One line per step: {@code <prefix> KEY server 12.3 s}. */
    public static void print(String prefix, List<Step> steps) {
        for (Step s : steps) {
            System.out.printf(Locale.ROOT, "%s %-26s %-14s %6.1f s%n", prefix, s.key(), s.server(), s.duration().toMillis() / 1000.0);
        }
    }
}
