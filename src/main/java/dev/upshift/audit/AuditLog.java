package dev.upshift.audit;

import java.util.Map;

/**
 * The append-only audit trail. Every state-changing action records exactly one event, in the same transaction as
 * the change it records. The actor is the authenticated user (or "system" outside a request).
 */
public interface AuditLog {

    /**
     * @param action     what happened, e.g. {@code cluster.created}
     * @param targetType the kind of thing it happened to, e.g. {@code cluster}
     * @param targetId   its id (may be null for actions without one, e.g. a failed login)
     * @param details    non-secret facts, serialized as canonical JSON (never pass a password or key)
     */
    void record(String action, String targetType, String targetId, Map<String, ?> details);
}
