package dev.upshift.run;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface RunRepository extends JpaRepository<Run, Long> {

    List<Run> findAllByOrderByCreatedAtDescIdDesc();

    List<Run> findByClusterIdOrderByCreatedAtDescIdDesc(Long clusterId);

    Optional<Run> findByActiveClusterId(Long clusterId);

    List<Run> findByStatusIn(List<RunStatus> statuses);

    List<Run> findByActiveClusterIdIsNotNull();

    List<Run> findByRollbackOfOrderByIdDesc(Long rollbackOf);

    /** The ids only: every run view lists its rollbacks, and the live page renders one on each step change. */
    @Query("select r.id from Run r where r.rollbackOf = :rollbackOf order by r.id desc")
    List<Long> findRollbackIds(@Param("rollbackOf") Long rollbackOf);
}
