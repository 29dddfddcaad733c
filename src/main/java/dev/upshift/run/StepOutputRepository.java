package dev.upshift.run;

import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface StepOutputRepository extends JpaRepository<StepOutputLine, Long> {

    List<StepOutputLine> findByStepIdOrderBySeq(Long stepId);

    List<StepOutputLine> findByStepIdAndSeqGreaterThanOrderBySeq(Long stepId, int afterSeq);

    List<StepOutputLine> findByStepIdAndStreamOrderBySeqDesc(Long stepId, String stream, Pageable page);

    @Query("select coalesce(max(o.seq), 0) from StepOutputLine o where o.stepId = ?1")
    int lastSeq(Long stepId);

    long countByStepIdAndStreamNot(Long stepId, String stream);
}
