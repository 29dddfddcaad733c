package dev.upshift.history.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import dev.upshift.history.InvalidRunFilterException;
import dev.upshift.history.InvalidRunFilterException.Problem;
import dev.upshift.history.RunFilter;
import dev.upshift.history.RunSort;
import dev.upshift.run.RunStatus;
import dev.upshift.system.FilterLinks;
import dev.upshift.system.UtcInput;

/**
 * The runs-list filters as they arrive in the query string (the page and {@code GET /api/runs} share them), kept as
 * typed so the form shows them back and paging links carry them on. Times are UTC (see {@link UtcInput});
 * {@code sort} is created, started, ended, cluster or status; {@code dir} is desc (default) or asc.
 */
public record RunFilterParams(String clusterId, String status, String operator, String from, String to, String sort,
                              String dir) {

    static final int MAX_LENGTH = 100;

    public static final RunFilterParams NONE = new RunFilterParams(null, null, null, null, null, null, null);

    /** @throws InvalidRunFilterException naming every value that cannot be used, by its query parameter */
    public RunFilter toFilter() {
        List<Problem> problems = new ArrayList<>();
        Long cluster = check(problems, "clusterId", () -> clusterId(clusterId));
        RunStatus runStatus = check(problems, "status", () -> status(status));
        String who = check(problems, "operator", () -> text("operator", operator));
        Instant since = check(problems, "from", () -> UtcInput.parse("from", text("from", from), false));
        Instant until = check(problems, "to", () -> UtcInput.parse("to", text("to", to), true));
        RunSort by = check(problems, "sort", () -> blank(sort) ? RunSort.CREATED : RunSort.fromApiName(sort));
        Boolean ascending = check(problems, "dir", () -> direction(dir));
        if (since != null && until != null && !since.isBefore(until)) {
            problems.add(new Problem("to", "The date range is empty: \"from\" must be before \"to\"."));
        }
        if (!problems.isEmpty()) throw new InvalidRunFilterException(problems);
        return new RunFilter(cluster, runStatus, who, since, until, by, Boolean.TRUE.equals(ascending));
    }

    public String fromInput() {
        return UtcInput.forInput(from, false);
    }

    public String toInput() {
        return UtcInput.forInput(to, true);
    }

    /** The same filters for one status (the per-status counts link to it). */
    public RunFilterParams withStatus(String value) {
        return new RunFilterParams(clusterId, value, operator, from, to, sort, dir);
    }

    /** The same filters sorted by {@code column}: descending first, ascending when it is already sorted so. */
    public RunFilterParams sortedBy(String column) {
        boolean current = column.equalsIgnoreCase(blank(sort) ? "created" : sort.strip());
        String nextDir = current && !"asc".equalsIgnoreCase(dir) ? "asc" : null;
        return new RunFilterParams(clusterId, status, operator, from, to, column, nextDir);
    }

    /** @return the URL of {@code path} with these filters (blank ones left out) and {@code page} */
    public String link(String path, Integer page) {
        return FilterLinks.link(path, page, "clusterId", clusterId, "status", status, "operator", operator,
                "from", from, "to", to, "sort", sort, "dir", dir);
    }

    private static <T> T check(List<Problem> problems, String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(field, e.getMessage()));
            return null;
        }
    }

    private static Long clusterId(String value) {
        if (blank(value)) return null;
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"clusterId\" is not a cluster id (a number): " + shortened(value));
        }
    }

    private static RunStatus status(String value) {
        if (blank(value)) return null;
        try {
            return RunStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown status '" + shortened(value) + "': use one of "
                    + String.join(", ", Arrays.stream(RunStatus.values()).map(Enum::name).toList()) + ".");
        }
    }

    private static Boolean direction(String value) {
        if (blank(value) || value.strip().equalsIgnoreCase("desc")) return false;
        if (value.strip().equalsIgnoreCase("asc")) return true;
        throw new IllegalArgumentException("Unknown direction '" + shortened(value) + "': use asc or desc.");
    }

    private static String text(String what, String value) {
        if (blank(value)) return null;
        String stripped = value.strip();
        if (stripped.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The " + what + " filter is longer than " + MAX_LENGTH + " characters.");
        }
        return stripped;
    }

    private static String shortened(String value) {
        String stripped = value.strip();
        return stripped.length() > 40 ? stripped.substring(0, 40) + "…" : stripped;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
