package dev.upshift.run;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface RunCheckRepository extends JpaRepository<RunCheck, Long> {

    List<RunCheck> findByRunIdOrderByPosition(Long runId);

    void deleteByRunId(Long runId);
}
