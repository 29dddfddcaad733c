package dev.upshift.audit.web;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonRawValue;

import dev.upshift.audit.AuditEntry;

/**
 * An audit event as the page and the API show it.
 *
 * @param details the event's details as JSON (raw in the API; {@link #facts()} for the page)
 */
public record AuditRow(long id, Instant occurredAt, String actor, String action, String targetType, String targetId,
                @JsonRawValue String details, String prevHash, String hash) {

    static AuditRow of(AuditEntry e) {
        return new AuditRow(e.id(), e.occurredAt(), e.actor(), e.action(), e.targetType(), e.targetId(), e.details(),
                e.prevHash(), e.hash());
    }

    /** @return the details as key/value pairs for display (kept in their canonical, sorted order) */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Map<String, Object> facts() {
        return DetailsText.parse(details);
    }
}
