package dev.upshift.run;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

import dev.upshift.procedure.ConfVariant;

interface RunConfRepository extends JpaRepository<RunConf, Long> {

    Optional<RunConf> findByRunIdAndServerAndVariant(Long runId, String server, ConfVariant variant);

    List<RunConf> findByRunIdAndServer(Long runId, String server);

    List<RunConf> findByRunId(Long runId);
}
