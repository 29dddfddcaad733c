package dev.upshift.run;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface RunStepRepository extends JpaRepository<RunStep, Long> {

    List<RunStep> findByRunIdOrderByPosition(Long runId);
}
