package dev.upshift.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.upshift.security.CurrentActor;

/**
 * Appends events to the hash chain inside the caller's transaction (or a new one when there is none, e.g. a login),
 * so an event commits or rolls back with the change it records.
 *
 * <p>Appends are serialized until the transaction ends: in this JVM by a fair lock (so concurrent requests queue
 * instead of hitting the database's lock timeout), and across processes by {@code SELECT ... FOR UPDATE} of the
 * single {@code audit_head} row. Keep transactions that audit short; do not audit from a {@code REQUIRES_NEW}
 * transaction nested inside one that already audited (it would wait for its own parent).
 */
@Component
public class JpaAuditLog implements AuditLog {

    static final int MAX_ACTOR = 100;
    private static final int MAX_NAME = 100;
    private static final int MAX_TARGET_ID = 200;
    private static final long LOCK_WAIT_SECONDS = 30;

    @PersistenceContext
    private EntityManager em;

    private final Clock clock;
    private final ReentrantLock appendLock = new ReentrantLock(true);

    public JpaAuditLog(ObjectProvider<Clock> clock) {
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    @Transactional
    public void record(String action, String targetType, String targetId, Map<String, ?> details) {
        recordAs(CurrentActor.name(), action, targetType, targetId, details);
    }

    /**
     * Records an event on behalf of an explicit actor, for events where the actor is not (yet) the authenticated
     * user, e.g. a failed login (the username tried) or the first-start bootstrap ("system").
     */
    @Transactional
    public AuditEvent recordAs(String actor, String action, String targetType, String targetId, Map<String, ?> details) {
        String who = truncate(actor == null || actor.isBlank() ? CurrentActor.SYSTEM : actor, MAX_ACTOR);
        requireName("action", action);
        if (targetType != null) {
            requireName("targetType", targetType);
        }
        String target = targetId == null ? null : truncate(targetId, MAX_TARGET_ID);
        String json = AuditDetails.toJson(details);

        holdAppendLockUntilTransactionEnds();
        AuditHead head = em.find(AuditHead.class, AuditHead.ID, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            throw new IllegalStateException("audit_head is missing: the audit schema was not migrated");
        }
        long id = head.lastId() + 1;
        // Millisecond precision survives every database round trip unchanged, so the hash can be recomputed.
        Instant occurredAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String hash = AuditHashing.hash(head.lastHash(), id, occurredAt, who, action, targetType, target, json);
        AuditEvent event = new AuditEvent(id, occurredAt, who, action, targetType, target, json, head.lastHash(), hash);
        em.persist(event);
        head.advance(id, hash);
        return event;
    }

    private void holdAppendLockUntilTransactionEnds() {
        if (appendLock.isHeldByCurrentThread()) {
            return; // a second event in the same transaction
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("Audit events must be recorded inside a transaction");
        }
        if (TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            // a read-only transaction is never flushed: the event would silently disappear
            throw new IllegalStateException("Audit events cannot be recorded in a read-only transaction");
        }
        try {
            if (!appendLock.tryLock(LOCK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The audit log stayed busy for " + LOCK_WAIT_SECONDS + " s; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the audit log", e);
        }
        try {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    appendLock.unlock();
                }
            });
        } catch (RuntimeException e) {
            appendLock.unlock();
            throw e;
        }
    }

    private static void requireName(String what, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_NAME) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_NAME + " characters");
        }
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
