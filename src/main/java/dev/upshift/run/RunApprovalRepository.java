package dev.upshift.run;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface RunApprovalRepository extends JpaRepository<RunApproval, Long> {

    List<RunApproval> findByRunIdOrderById(Long runId);
}
