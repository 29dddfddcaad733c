package dev.upshift.run.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import dev.upshift.run.RunApprovals;
import dev.upshift.run.RunApprovals.ApprovalStatus;
import dev.upshift.security.Roles;

/**
 * The model of the run page's approval panel ({@code runs/approval :: approval-panel}), for the viewer: an AUDITOR or
 * ADMIN who did not create the PLANNED run may approve it; whoever holds a valid approval may withdraw it.
 */
@Component
class ApprovalPanel {

    private final RunApprovals approvals;

    ApprovalPanel(RunApprovals approvals) {
        this.approvals = approvals;
    }

    void addTo(Model model, Long runId, Authentication viewer, Outcome outcome) {
        ApprovalStatus status = approvals.status(runId);
        String name = viewer == null ? null : viewer.getName();
        boolean approver = viewer != null && viewer.getAuthorities().stream().anyMatch(a ->
                a.getAuthority().equals("ROLE_" + Roles.AUDITOR) || a.getAuthority().equals("ROLE_" + Roles.ADMIN));
        model.addAttribute("approval", status);
        model.addAttribute("canApprove", approver && status.mayBeApprovedBy(name));
        model.addAttribute("canRevoke", approver && status.hasActiveApprovalBy(name));
        model.addAttribute("isCreator", name != null && name.equalsIgnoreCase(status.createdBy()));
        model.addAttribute("approvalOutcome", outcome);
    }
}
