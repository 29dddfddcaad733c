package dev.upshift.run.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.upshift.run.RollbackRefusedException;
import dev.upshift.run.RunConflictException;
import dev.upshift.run.RunNotFoundException;
import dev.upshift.run.RunRollbacks;
import dev.upshift.run.RunView;
import dev.upshift.security.Roles;

/**
 * "Plan rollback" on a FAILED or ABORTED run's page: a plain form post that leads to the new rollback run's page,
 * where it is reviewed and started like any run; a refusal (no pre-upgrade backup, run not finished) comes back to
 * the failed run's page in words.
 */
@Controller
@PreAuthorize(Roles.ADMIN_OR_OPERATOR)
class RunRollbackController {

    private final RunRollbacks rollbacks;

    RunRollbackController(RunRollbacks rollbacks) {
        this.rollbacks = rollbacks;
    }

    @PostMapping("/runs/{id}/rollback")
    String rollback(@PathVariable Long id, RedirectAttributes redirect) {
        try {
            RunView rollback = rollbacks.plan(id, null);
            redirect.addFlashAttribute("notice", "Rollback planned: run " + rollback.id() + " puts the cluster back on "
                    + rollback.targetVersion() + " with the pre-upgrade backup of run " + id + ". Review the plan, then start it.");
            return "redirect:/runs/" + rollback.id();
        } catch (RollbackRefusedException | RunConflictException | RunNotFoundException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/runs/" + id;
        }
    }
}
