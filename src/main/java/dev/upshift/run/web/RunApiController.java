package dev.upshift.run.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.upshift.procedure.InstallDetails;
import dev.upshift.run.CreateRunCommand;
import dev.upshift.run.OutputLineView;
import dev.upshift.run.Preflight;
import dev.upshift.run.RunApprovals;
import dev.upshift.run.RunEngine;
import dev.upshift.run.RunPlanning;
import dev.upshift.run.RunQueries;
import dev.upshift.run.RunRollbacks;
import dev.upshift.run.RunView;

/** JSON API of runs: plan, read, and drive them (the filtered list, {@code GET /api/runs}, is the history's). Every action answers with the run as it stands after it. */
@RestController
@RequestMapping("/api/runs")
class RunApiController {

    private final RunPlanning planning;
    private final RunQueries queries;
    private final RunEngine engine;
    private final Preflight preflight;
    private final RunApprovals approvals;
    private final RunRollbacks rollbacks;

    RunApiController(RunPlanning planning, RunQueries queries, RunEngine engine, Preflight preflight,
                     RunApprovals approvals, RunRollbacks rollbacks) {
        this.approvals = approvals;
        this.rollbacks = rollbacks;
        this.planning = planning;
        this.queries = queries;
        this.engine = engine;
        this.preflight = preflight;
    }

    /**
     * {@code install}: per server address, {@code {"archive": ..., "newHome": ...}} for tarball servers;
     * {@code replacements}: rolling-replaceable, per member address the spare server that replaces it.
     */
    record CreateRunRequest(Long clusterId, String targetVersion, String method, String mode,
                            Map<String, InstallDetails> install, String backupDir, String seed,
                            Map<String, String> replacements) {
    }

    record StartRequest(List<String> acknowledge) {
    }

    record ReasonRequest(String reason) {
    }

    record NoteRequest(String note) {
    }

    record RetryRequest(Boolean confirmUnsafe) {
    }

    record RollbackRequest(String mode) {
    }

    @PostMapping
    ResponseEntity<RunView> create(@RequestBody CreateRunRequest r) {
        RunView run = planning.create(new CreateRunCommand(r.clusterId(), r.targetVersion(), r.method(), r.mode(),
                r.install(), r.backupDir(), r.seed(), r.replacements()));
        return ResponseEntity.created(URI.create("/api/runs/" + run.id())).body(run);
    }

    /**
     * Plans the rollback of a FAILED or ABORTED run: 201 with the new PLANNED run ({@code kind: rollback},
     * {@code rollbackOf}); 409 when the run is not FAILED or ABORTED; 422 ({@code code: BACKUP_MISSING}) without the
     * pre-upgrade full backup.
     */
    @PostMapping("/{id}/rollback")
    ResponseEntity<RunView> rollback(@PathVariable Long id, @RequestBody(required = false) RollbackRequest r) {
        RunView run = rollbacks.plan(id, r == null ? null : r.mode());
        return ResponseEntity.created(URI.create("/api/runs/" + run.id())).body(run);
    }

    /** The run with its plan approvals ({@code approvals: [{by, at, fingerprint, valid, state}]}). */
    record RunWithApprovals(@JsonUnwrapped RunView run, List<RunApprovals.ApprovalView> approvals) {
    }

    @GetMapping("/{id}")
    RunWithApprovals get(@PathVariable Long id) {
        return new RunWithApprovals(queries.get(id), approvals.status(id).approvals());
    }

    @GetMapping("/{id}/steps/{stepId}/output")
    List<OutputLineView> output(@PathVariable Long id, @PathVariable Long stepId,
                                @RequestParam(defaultValue = "0") int after) {
        return queries.output(id, stepId, after);
    }

    /** Re-runs the pre-flight checks; the run's {@code checks} hold the results. */
    @PostMapping("/{id}/preflight")
    RunView preflight(@PathVariable Long id) {
        return preflight.run(id);
    }

    @PostMapping("/{id}/start")
    RunView start(@PathVariable Long id, @RequestBody(required = false) StartRequest r) {
        engine.start(id, r == null ? List.of() : r.acknowledge());
        return queries.get(id);
    }

    @PostMapping("/{id}/pause")
    RunView pause(@PathVariable Long id) {
        engine.pause(id);
        return queries.get(id);
    }

    @PostMapping("/{id}/resume")
    RunView resume(@PathVariable Long id) {
        engine.resume(id);
        return queries.get(id);
    }

    @PostMapping("/{id}/abort")
    RunView abort(@PathVariable Long id, @RequestBody(required = false) ReasonRequest r) {
        engine.abort(id, r == null ? null : r.reason());
        return queries.get(id);
    }

    @PostMapping("/{id}/steps/{stepId}/run")
    RunView runStep(@PathVariable Long id, @PathVariable Long stepId) {
        engine.run(id, stepId);
        return queries.get(id);
    }

    @PostMapping("/{id}/steps/{stepId}/confirm")
    RunView confirm(@PathVariable Long id, @PathVariable Long stepId, @RequestBody(required = false) NoteRequest r) {
        engine.confirm(id, stepId, r == null ? null : r.note());
        return queries.get(id);
    }

    @PostMapping("/{id}/steps/{stepId}/retry")
    RunView retry(@PathVariable Long id, @PathVariable Long stepId, @RequestBody(required = false) RetryRequest r) {
        engine.retry(id, stepId, r != null && Boolean.TRUE.equals(r.confirmUnsafe()));
        return queries.get(id);
    }

    @PostMapping("/{id}/steps/{stepId}/skip")
    RunView skip(@PathVariable Long id, @PathVariable Long stepId, @RequestBody(required = false) ReasonRequest r) {
        engine.skip(id, stepId, r == null ? null : r.reason());
        return queries.get(id);
    }
}
