package dev.upshift.run.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.upshift.run.RunApprovals;
import dev.upshift.run.RunConflictException;
import dev.upshift.run.RunNotFoundException;
import dev.upshift.run.SelfApprovalException;
import dev.upshift.security.Roles;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

/**
 * Approving a PLANNED run's plan from its page (AUDITOR or ADMIN, never the run's creator). With htmx the answer is the
 * refreshed approval panel with the outcome; without JavaScript the form posts and redirects back to the run page.
 */
@Controller
@RequestMapping("/runs/{id}")
@PreAuthorize(Roles.ADMIN_OR_AUDITOR)
class RunApprovalController {

    private static final String APPROVED = "Plan approved: the run may start while its plan stays as it is now.";
    private static final String REVOKED = "Approval withdrawn.";

    private final RunApprovals approvals;
    private final ApprovalPanel panel;

    RunApprovalController(RunApprovals approvals, ApprovalPanel panel) {
        this.approvals = approvals;
        this.panel = panel;
    }

    @PostMapping("/approve")
    String approve(@PathVariable Long id, RedirectAttributes redirect) {
        return back(id, redirect, attempt(() -> approvals.approve(id), APPROVED));
    }

    @PostMapping("/approve")
    @HxRequest
    String approveFragment(@PathVariable Long id, Model model, Authentication viewer) {
        return fragment(id, model, viewer, attempt(() -> approvals.approve(id), APPROVED));
    }

    @PostMapping("/approval/revoke")
    String revoke(@PathVariable Long id, RedirectAttributes redirect) {
        return back(id, redirect, attempt(() -> approvals.revoke(id), REVOKED));
    }

    @PostMapping("/approval/revoke")
    @HxRequest
    String revokeFragment(@PathVariable Long id, Model model, Authentication viewer) {
        return fragment(id, model, viewer, attempt(() -> approvals.revoke(id), REVOKED));
    }

    private static Outcome attempt(Runnable action, String notice) {
        try {
            action.run();
            return new Outcome(notice, null);
        } catch (RunConflictException | RunNotFoundException | SelfApprovalException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    private String fragment(Long id, Model model, Authentication viewer, Outcome outcome) {
        panel.addTo(model, id, viewer, outcome);
        return "runs/approval :: approval-panel";
    }

    private static String back(Long id, RedirectAttributes redirect, Outcome outcome) {
        if (outcome.error() != null) redirect.addFlashAttribute("error", outcome.error());
        if (outcome.notice() != null) redirect.addFlashAttribute("notice", outcome.notice());
        return "redirect:/runs/" + id;
    }
}
