package dev.upshift.monitor;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MembershipChangeRepository extends JpaRepository<MembershipChange, Long> {

    List<MembershipChange> findByClusterIdOrderByIdDesc(Long clusterId, Limit limit);

    List<MembershipChange> findByClusterIdAndOccurredAtBetweenOrderByIdAsc(Long clusterId, Instant from, Instant to);
}
