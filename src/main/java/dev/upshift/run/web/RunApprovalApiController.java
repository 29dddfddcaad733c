package dev.upshift.run.web;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.upshift.run.RunApprovals;
import dev.upshift.run.RunApprovals.ApprovalStatus;

/** JSON API of plan approvals; {@code GET /api/runs/{id}} lists a run's approvals too. */
@RestController
@RequestMapping("/api/runs/{id}")
class RunApprovalApiController {

    private final RunApprovals approvals;

    RunApprovalApiController(RunApprovals approvals) {
        this.approvals = approvals;
    }

    @PostMapping("/approve")
    ApprovalStatus approve(@PathVariable Long id) {
        return approvals.approve(id);
    }

    @PostMapping("/approval/revoke")
    ApprovalStatus revoke(@PathVariable Long id) {
        return approvals.revoke(id);
    }
}
