package dev.upshift.history;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import dev.upshift.history.TimelinePicture.Tick;

/** The time axis: a round interval (1 s … 1 day) giving at most {@value #MAX_TICKS} ticks, labelled in UTC. */
final class Ticks {

    static final int MAX_TICKS = 8;
    private static final long[] STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
            21600, 43200, 86400};
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private Ticks() {
    }

    static long interval(Duration span) {
        long seconds = Math.max(1, span.toSeconds());
        for (long step : STEPS) {
            if (seconds / step + 1 <= MAX_TICKS) return step;
        }
        return (seconds / MAX_TICKS / 86400 + 1) * 86400;
    }

    static List<Tick> of(Instant from, Instant to, ToDoubleFunction<Instant> x) {
        long step = interval(Duration.between(from, to));
        DateTimeFormatter format = step < 60 ? SECONDS : Duration.between(from, to).toHours() >= 24 ? DAYS : MINUTES;
        List<Tick> ticks = new ArrayList<>();
        long since = from.getEpochSecond() + (from.getNano() > 0 ? 1 : 0);
        long first = Math.floorDiv(since + step - 1, step) * step;
        for (long t = first; !Instant.ofEpochSecond(t).isAfter(to); t += step) {
            Instant at = Instant.ofEpochSecond(t);
            ticks.add(new Tick(Math.round(x.applyAsDouble(at) * 10) / 10.0, format.format(at)));
        }
        return ticks;
    }
}
