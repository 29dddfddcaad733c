package dev.upshift.audit;

import java.time.Instant;

/** One audit event as read back for the page, the API and exports (hashes trimmed of CHAR padding). */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String targetType, String targetId,
                         String details, String prevHash, String hash) {
}
