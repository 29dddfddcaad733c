package dev.upshift.cluster;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ClusterRepository extends JpaRepository<Cluster, Long> {

    @EntityGraph(attributePaths = "servers")
    List<Cluster> findAllByOrderByNameAsc();

    @EntityGraph(attributePaths = "servers")
    Optional<Cluster> findWithServersById(Long id);

    boolean existsByNameIgnoreCase(String name);

    boolean existsByNameIgnoreCaseAndIdNot(String name, Long id);

    Optional<Cluster> findByLabId(String labId);
}
