package dev.upshift.audit;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** Read access to the chain. Deliberately no save or delete: events are written only by {@link JpaAuditLog}. */
public interface AuditEventRepository extends Repository<AuditEvent, Long> {

    Optional<AuditEvent> findById(Long id);

    long count();

    /** Events by an exact actor and/or an action prefix ({@code user.} matches every user event); nulls match all. */
    @Query("""
            select e from AuditEvent e
            where (:actor is null or e.actor = :actor)
              and (:action is null or e.action like concat(:action, '%'))
            """)
    Page<AuditEvent> search(@Param("actor") String actor, @Param("action") String action, Pageable pageable);
}
