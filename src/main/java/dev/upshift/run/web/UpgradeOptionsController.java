package dev.upshift.run.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.upshift.run.RunPlanning;

/** For the run wizard: which methods may take this cluster to a target version, and why not. */
@RestController
class UpgradeOptionsController {

    private final RunPlanning planning;

    UpgradeOptionsController(RunPlanning planning) {
        this.planning = planning;
    }

    @GetMapping("/api/clusters/{id}/upgrade-options")
    RunPlanning.UpgradeOptions options(@PathVariable Long id, @RequestParam String targetVersion) {
        return planning.options(id, targetVersion);
    }
}
