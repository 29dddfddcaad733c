package dev.upshift.run;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface RunServerRepository extends JpaRepository<RunServer, Long> {

    List<RunServer> findByRunIdOrderById(Long runId);

    Optional<RunServer> findByRunIdAndServer(Long runId, String server);
}
