package dev.upshift.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.upshift.run.StepStatus;

/**
 * The geometry of a run's per-server timeline, a Gantt-like picture the review page and the printable report draw
 * as SVG (no script): one lane per server (and one for the cluster-wide steps, when any ran), one bar per step that
 * ran, coloured and labelled by its outcome, and a hatched span for each time a server was down (see
 * {@link DownSpans}). Times map linearly onto {@value #CHART_WIDTH} px between the run's start and end.
 */
public record TimelinePicture(int width, int height, List<Lane> lanes, List<Tick> ticks, Instant start, Instant end) {

    static final int LABEL_WIDTH = 170;
    static final int CHART_WIDTH = 760;
    static final int AXIS_HEIGHT = 28;
    static final int LANE_HEIGHT = 34;
    static final int BAR_HEIGHT = 18;
    static final String CLUSTER_LANE = "whole cluster";

    /** A step as the picture needs it; {@code server} null for a cluster-wide step. */
    public record StepSpan(String key, String server, StepStatus status, Instant startedAt, Instant endedAt) {
    }

    /** A server of the run, in plan order; cores come back with the cluster-wide "start the cores" step. */
    public record ServerLane(String server, boolean core) {
    }

    public record Lane(String name, boolean clusterWide, int y, List<Bar> bars, List<Span> down) {
        public double labelY() {
            return y + LANE_HEIGHT / 2.0 + 4;
        }
    }

    /** @param label the outcome, shortened to what fits the bar (may be empty); {@code title} says it all */
    public record Bar(double x, double width, int y, int height, String outcome, String fill, String label,
                      String title) {
        public double labelX() {
            return round(x + width / 2);
        }

        public double labelY() {
            return y + height - 5;
        }
    }

    /** @param open the run ended (or still runs) before the server was verified back in the cluster */
    public record Span(double x, double width, int y, int height, boolean open, String title) {
    }

    public record Tick(double x, String label) {
    }

    public boolean isEmpty() {
        return lanes.stream().allMatch(l -> l.bars().isEmpty());
    }

    public int chartLeft() {
        return LABEL_WIDTH;
    }

    public int chartRight() {
        return LABEL_WIDTH + CHART_WIDTH;
    }

    public int axisY() {
        return AXIS_HEIGHT - 6;
    }

    /**
     * @param start the run's start (its first step's, if earlier); null when the run never started
     * @param end   the run's end, or now for a run still going
     */
    public static TimelinePicture of(List<ServerLane> servers, List<StepSpan> steps, Instant start, Instant end) {
        List<StepSpan> ran = steps.stream().filter(s -> s.startedAt() != null || s.endedAt() != null).toList();
        Instant from = ran.stream().map(TimelinePicture::barStart).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(start);
        if (start != null && start.isBefore(from)) from = start;
        Instant to = ran.stream().map(s -> s.endedAt() == null ? end : s.endedAt()).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(end);
        if (end != null && end.isAfter(to)) to = end;
        if (from == null || to == null) {
            return new TimelinePicture(LABEL_WIDTH + CHART_WIDTH + 20, AXIS_HEIGHT, List.of(), List.of(), null, null);
        }
        if (!to.isAfter(from)) to = from.plusSeconds(1);
        Scale scale = new Scale(from, to);

        Map<String, List<StepSpan>> byLane = new LinkedHashMap<>();
        if (ran.stream().anyMatch(s -> s.server() == null)) byLane.put(null, new ArrayList<>());
        servers.forEach(s -> byLane.put(s.server(), new ArrayList<>()));
        ran.forEach(s -> byLane.computeIfAbsent(s.server(), k -> new ArrayList<>()).add(s));

        List<Lane> lanes = new ArrayList<>();
        Instant last = to;
        byLane.forEach((server, spans) -> {
            int y = AXIS_HEIGHT + lanes.size() * LANE_HEIGHT;
            List<Bar> bars = spans.stream().map(s -> bar(scale, s, y, last)).toList();
            boolean core = servers.stream().anyMatch(l -> l.server().equals(server) && l.core());
            List<Span> down = server == null ? List.of()
                    : DownSpans.of(server, core, steps, last).stream().map(d -> span(scale, server, d, y)).toList();
            lanes.add(new Lane(server == null ? CLUSTER_LANE : server, server == null, y, bars, down));
        });
        return new TimelinePicture(LABEL_WIDTH + CHART_WIDTH + 20, AXIS_HEIGHT + lanes.size() * LANE_HEIGHT + 4,
                lanes, Ticks.of(from, to, scale::x), from, to);
    }

    private static Instant barStart(StepSpan s) {
        return s.startedAt() != null ? s.startedAt() : s.endedAt();
    }

    private static Bar bar(Scale scale, StepSpan s, int laneY, Instant runEnd) {
        Instant begin = barStart(s);
        Instant finish = s.endedAt() != null ? s.endedAt() : runEnd;
        double x = scale.x(begin);
        double width = Math.max(2, scale.x(finish) - x);
        String outcome = s.status().name();
        String title = s.key() + (s.server() == null ? "" : " on " + s.server()) + ": " + outcome + ", "
                + begin + (s.endedAt() == null ? " (not ended)" : " → " + s.endedAt() + " ("
                + Duration.between(begin, s.endedAt()).toSeconds() + " s)");
        return new Bar(round(x), round(width), laneY + (LANE_HEIGHT - BAR_HEIGHT) / 2, BAR_HEIGHT, outcome,
                fill(s.status()), label(outcome, width), title);
    }

    private static Span span(Scale scale, String server, DownSpans.Down d, int laneY) {
        double x = scale.x(d.from());
        String title = server + " down from " + d.from() + (d.open() ? ", not verified back by the run's end"
                : " until it was verified back at " + d.to() + " (" + Duration.between(d.from(), d.to()).toSeconds() + " s)");
        return new Span(round(x), round(Math.max(2, scale.x(d.to()) - x)), laneY + 2, LANE_HEIGHT - 4, d.open(), title);
    }

    /** The outcome in the bar: the word when it fits (about 6.5 px a character), else its first letter, else nothing. */
    static String label(String outcome, double width) {
        String word = outcome.toLowerCase(java.util.Locale.ROOT);
        if (width >= word.length() * 6.5 + 6) return word;
        return width >= 12 ? word.substring(0, 1) : "";
    }

    static String fill(StepStatus status) {
        return switch (status) {
            case SUCCEEDED -> "#1f7a46";
            case FAILED -> "#b3261e";
            case SKIPPED -> "#8b93a1";
            case RUNNING -> "#2458c6";
            case PENDING -> "#c9a227";
        };
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Instants onto x pixels. */
    record Scale(Instant from, Instant to) {
        double x(Instant t) {
            double total = Duration.between(from, to).toMillis();
            return LABEL_WIDTH + Duration.between(from, t).toMillis() / total * CHART_WIDTH;
        }
    }
}
