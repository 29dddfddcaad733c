package dev.upshift.run;

import java.util.Arrays;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.upshift.security.Roles;

/** Reads runs for the API and the pages. */
@Service
public class RunQueries {

    private final RunRepository runs;
    private final RunStepRepository steps;
    private final RunCheckRepository checks;
    private final StepOutputRepository output;
    private final StepCommands commands;
    private final TransactionTemplate tx;

    RunQueries(RunRepository runs, RunStepRepository steps, RunCheckRepository checks, StepOutputRepository output,
               StepCommands commands, TransactionTemplate tx) {
        this.runs = runs;
        this.steps = steps;
        this.checks = checks;
        this.output = output;
        this.commands = commands;
        this.tx = tx;
    }

    @PreAuthorize(Roles.ANY_ROLE)
    public RunView get(Long id) {
        return tx.execute(s -> view(runs.findById(id).orElseThrow(() -> new RunNotFoundException("No run " + id + "."))));
    }

    @PreAuthorize(Roles.ANY_ROLE)
    public List<RunSummary> list(Long clusterId) {
        return tx.execute(s -> (clusterId == null ? runs.findAllByOrderByCreatedAtDescIdDesc()
                : runs.findByClusterIdOrderByCreatedAtDescIdDesc(clusterId)).stream().map(this::summary).toList());
    }

    /** A step's stored output after {@code afterSeq} (0 for all): the page loads it, then follows the live events. */
    @PreAuthorize(Roles.ANY_ROLE)
    public List<OutputLineView> output(Long runId, Long stepId, int afterSeq) {
        return tx.execute(s -> {
            RunStep step = steps.findById(stepId).filter(x -> x.getRunId().equals(runId))
                    .orElseThrow(() -> new RunNotFoundException("Run " + runId + " has no step " + stepId + "."));
            return output.findByStepIdAndSeqGreaterThanOrderBySeq(step.getId(), afterSeq).stream()
                    .map(OutputLineView::of).toList();
        });
    }

    RunView view(Run run) {
        List<RunStep> all = steps.findByRunIdOrderByPosition(run.getId());
        Long active = all.stream().filter(x -> x.getStatus() == StepStatus.RUNNING || x.getStatus() == StepStatus.FAILED)
                .map(RunStep::getId).findFirst().orElse(null);
        return new RunView(run.getId(), run.getClusterId(), run.getClusterName(), run.getStatus(), run.getStatusReason(),
                run.getMethod().apiName(), run.getMode().apiName(), run.getSourceVersion(), run.getTargetVersion(),
                run.getExpectedStoreFormat(), run.getSeedServer(), run.requiredAcks(), run.givenAcks(),
                run.advisories(), run.getCreatedBy(), run.getCreatedAt(), run.getStartedBy(), run.getStartedAt(),
                run.getEndedAt(), active, all.stream().map(this::step).toList(),
                checks.findByRunIdOrderByPosition(run.getId()).stream()
                        .map(c -> new RunView.CheckView(c.getName(), c.getServer(), c.isOk(), c.getMessage(), c.getCheckedAt()))
                        .toList(), run.isRollback() ? "rollback" : "upgrade", run.getRollbackOf(),
                runs.findRollbackIds(run.getId()));
    }

    private RunView.StepView step(RunStep s) {
        return new RunView.StepView(s.getId(), s.getPosition(), s.getPhaseIndex(), s.getPhaseKind().name(),
                s.getPhaseTitle(), s.getKey().name(), s.getServer(), s.getSection(), s.getManualText(),
                s.getActor().name(), commands.read(s.getCommands()), s.getVerificationText(),
                s.getVerificationKind().name(), s.isRetrySafe(), s.getGate().name(),
                s.getOmitted() == null ? List.of() : Arrays.asList(s.getOmitted().split("\n")), s.getStatus(),
                s.getSkipCode(), s.getSkipReason(), s.getWaitingReason(), s.getActedBy(), s.getStartedAt(),
                s.getEndedAt(), s.getExitCode(), s.getNotes(), s.getDiagnosis(), s.getAttempts(), s.getOutputLines(),
                s.getOutputDropped(), s.getCommandsStartedAt());
    }

    private RunSummary summary(Run run) {
        List<RunStep> all = steps.findByRunIdOrderByPosition(run.getId());
        int done = (int) all.stream().filter(x -> x.getStatus().isDone()).count();
        return new RunSummary(run.getId(), run.getClusterId(), run.getClusterName(), run.getStatus(),
                run.getMethod().apiName(), run.getMode().apiName(), run.getSourceVersion(), run.getTargetVersion(),
                run.getCreatedBy(), run.getCreatedAt(), run.getStartedAt(), run.getEndedAt(), all.size(), done);
    }
}
