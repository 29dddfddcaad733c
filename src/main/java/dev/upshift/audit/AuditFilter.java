package dev.upshift.audit;

import java.time.Instant;

/**
 * What to look for in the audit log; a null field matches everything.
 *
 * @param actor      exact username (or {@code system})
 * @param action     action prefix: {@code user.} matches every user event
 * @param targetType exact target type, e.g. {@code cluster}
 * @param targetId   exact target id
 * @param from       earliest time, inclusive
 * @param to         latest time, exclusive
 * @param text       text anywhere in the details, case-insensitive
 */
public record AuditFilter(String actor, String action, String targetType, String targetId, Instant from, Instant to,
                          String text) {

    public static final AuditFilter NONE = new AuditFilter(null, null, null, null, null, null, null);

    public AuditFilter {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("The date range is empty: \"from\" must be before \"to\"");
        }
    }

    public boolean isEmpty() {
        return actor == null && action == null && targetType == null && targetId == null && from == null && to == null
                && text == null;
    }
}
