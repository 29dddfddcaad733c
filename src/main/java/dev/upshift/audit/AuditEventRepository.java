package dev.upshift.audit;

import java.util.Optional;

import org.springframework.data.repository.Repository;

/** Read access to the chain. Deliberately no save or delete: events are written only by {@link JpaAuditLog}. */
public interface AuditEventRepository extends Repository<AuditEvent, Long> {

    Optional<AuditEvent> findById(Long id);

    long count();
}
