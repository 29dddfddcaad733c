package dev.upshift.audit.web;

import java.time.Instant;

import dev.upshift.audit.AuditFilter;
import dev.upshift.system.FilterLinks;
import dev.upshift.system.UtcInput;

/**
 * The audit filters as they arrive in the query string (page, API and exports share them), kept as typed so the
 * form shows them back and paging links carry them on. Times are UTC: {@code 2026-11-26T02:00:00Z},
 * {@code 2026-11-26T02:00} (what a datetime-local input sends, read as UTC) or a bare date {@code 2026-11-26}
 * (a whole day: "to" then means the end of that day).
 */
public record AuditFilterParams(String actor, String action, String targetType, String targetId, String from,
                                String to, String text) {

    static final int MAX_LENGTH = 200;

    public static final AuditFilterParams NONE = new AuditFilterParams(null, null, null, null, null, null, null);

    /** @throws InvalidAuditFilterException with a message for the reader when a value cannot be used */
    public AuditFilter toFilter() {
        try {
            return new AuditFilter(clean("actor", actor), clean("action", action), clean("target type", targetType),
                    clean("target id", targetId), time("from", from, false), time("to", to, true), clean("text", text));
        } catch (IllegalArgumentException e) {
            throw new InvalidAuditFilterException(e.getMessage());
        }
    }

    /** @return "from" as a datetime-local input shows it (UTC, no zone), or as typed when it is not a time */
    public String fromInput() {
        return input(from, false);
    }

    /** @return "to" as a datetime-local input shows it (UTC, no zone), or as typed when it is not a time */
    public String toInput() {
        return input(to, true);
    }

    private static String input(String value, boolean endOfDay) {
        return UtcInput.forInput(value, endOfDay);
    }

    /** @return the URL of {@code path} with these filters (blank ones left out) and {@code page} */
    public String link(String path, Integer page) {
        return FilterLinks.link(path, page, "actor", actor, "action", action, "targetType", targetType,
                "targetId", targetId, "from", from, "to", to, "text", text);
    }

    private static String clean(String what, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The " + what + " filter is longer than " + MAX_LENGTH + " characters");
        }
        return stripped;
    }

    private static Instant time(String what, String value, boolean endOfDay) {
        return UtcInput.parse(what, clean(what, value), endOfDay);
    }
}
