package dev.upshift.run;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface RunRepository extends JpaRepository<Run, Long> {

    List<Run> findAllByOrderByCreatedAtDescIdDesc();

    List<Run> findByClusterIdOrderByCreatedAtDescIdDesc(Long clusterId);

    Optional<Run> findByActiveClusterId(Long clusterId);

    List<Run> findByStatusIn(List<RunStatus> statuses);

    List<Run> findByActiveClusterIdIsNotNull();

    List<Run> findByRollbackOfOrderByIdDesc(Long rollbackOf);
}
