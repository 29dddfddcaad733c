package dev.upshift.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.upshift.history.TimelinePicture.StepSpan;
import dev.upshift.run.StepStatus;

/**
 * When a server was out of its cluster during a run: from the start of a step that stops it ({@code SRV_STOP},
 * {@code OFF_STOP_ALL} for every server, {@code OFF_RR_STOP}) until the end of the first later step that verified it
 * back ({@code SRV_VERIFY_JOINED}, {@code RR_VERIFY_JOINED}, {@code OFF_RR_START}, and the cluster-wide
 * {@code OFF_START_CORES} for the cores). Without such a step the span stays open until the run's end.
 */
final class DownSpans {

    static final Set<String> STOPS = Set.of("SRV_STOP", "OFF_STOP_ALL", "OFF_RR_STOP");
    static final Set<String> BACK = Set.of("SRV_VERIFY_JOINED", "RR_VERIFY_JOINED", "OFF_RR_START");
    static final String CORES_BACK = "OFF_START_CORES";

    record Down(Instant from, Instant to, boolean open) {
    }

    private DownSpans() {
    }

    static List<Down> of(String server, boolean core, List<StepSpan> steps, Instant runEnd) {
        List<StepSpan> stops = steps.stream()
                .filter(s -> STOPS.contains(s.key()) && s.startedAt() != null && appliesTo(s, server))
                .sorted(Comparator.comparing(StepSpan::startedAt)).toList();
        List<Down> spans = new ArrayList<>();
        Instant upAgain = null;
        for (StepSpan stop : stops) {
            if (upAgain != null && stop.startedAt().isBefore(upAgain)) continue; // already down
            if (!spans.isEmpty() && spans.get(spans.size() - 1).open()) break;
            Optional<Instant> back = steps.stream()
                    .filter(s -> s.status() == StepStatus.SUCCEEDED && s.endedAt() != null
                            && s.endedAt().isAfter(stop.startedAt()) && bringsBack(s, server, core))
                    .map(StepSpan::endedAt).min(Comparator.naturalOrder());
            Instant end = back.orElse(runEnd == null || runEnd.isBefore(stop.startedAt()) ? stop.startedAt() : runEnd);
            spans.add(new Down(stop.startedAt(), end, back.isEmpty()));
            upAgain = end;
        }
        return spans;
    }

    private static boolean appliesTo(StepSpan s, String server) {
        return s.server() == null || s.server().equals(server);
    }

    private static boolean bringsBack(StepSpan s, String server, boolean core) {
        if (BACK.contains(s.key())) return server.equals(s.server());
        return core && CORES_BACK.equals(s.key()) && s.server() == null;
    }
}
