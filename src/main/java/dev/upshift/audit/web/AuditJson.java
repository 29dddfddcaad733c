package dev.upshift.audit.web;

import java.time.format.DateTimeFormatter;

import dev.upshift.audit.AuditEntry;
import tools.jackson.core.JsonGenerator;

/** One audit event as a JSON object, the same shape as {@code GET /api/audit} gives (details as raw JSON). */
final class AuditJson {

    private AuditJson() {
    }

    static void write(JsonGenerator out, AuditEntry e) {
        out.writeStartObject();
        out.writeNumberProperty("id", e.id());
        out.writeStringProperty("occurredAt", DateTimeFormatter.ISO_INSTANT.format(e.occurredAt()));
        out.writeStringProperty("actor", e.actor());
        out.writeStringProperty("action", e.action());
        out.writeStringProperty("targetType", e.targetType());
        out.writeStringProperty("targetId", e.targetId());
        out.writeName("details");
        out.writeRawValue(e.details()); // canonical JSON written by the audit log itself
        out.writeStringProperty("prevHash", e.prevHash());
        out.writeStringProperty("hash", e.hash());
        out.writeEndObject();
    }
}
