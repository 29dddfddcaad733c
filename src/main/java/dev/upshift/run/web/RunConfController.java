package dev.upshift.run.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.upshift.run.ConfView;
import dev.upshift.run.RunConfs;

/** The prepared neo4j.conf of each server of a run: read (derived on first read), or put a reviewed one. */
@RestController
class RunConfController {

    private final RunConfs confs;

    RunConfController(RunConfs confs) {
        this.confs = confs;
    }

    record ConfRequest(String content) {
    }

    @GetMapping("/api/runs/{id}/conf/{server}")
    ConfView get(@PathVariable Long id, @PathVariable String server) {
        return confs.get(id, server);
    }

    @PutMapping("/api/runs/{id}/conf/{server}")
    ConfView put(@PathVariable Long id, @PathVariable String server,
                 @RequestParam(defaultValue = "final") String variant, @RequestBody ConfRequest request) {
        return confs.put(id, server, variant, request.content());
    }
}
