package dev.upshift.run.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.upshift.procedure.PlanRefusedException;
import dev.upshift.run.RunConflictException;
import dev.upshift.run.RunEngine;
import dev.upshift.run.RunNotFoundException;
import dev.upshift.run.RunQueries;
import dev.upshift.run.RunRequestException;
import dev.upshift.security.Roles;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

/**
 * What an operator does to a run from its page: each action goes through {@link RunEngine} (which checks, commits
 * and audits it). With htmx the answer is the viewer's refreshed actions with the outcome in words, while the cards
 * follow over SSE; without JavaScript each form posts and redirects back to the run page.
 */
@Controller
@RequestMapping("/runs/{id}")
@PreAuthorize(Roles.ADMIN_OR_OPERATOR)
class RunActionController {

    private final RunEngine engine;
    private final RunQueries queries;

    RunActionController(RunEngine engine, RunQueries queries) {
        this.engine = engine;
        this.queries = queries;
    }

    /** An action; its outcome as a notice, or the engine's refusal as an error. */
    private interface Action {
        void run();
    }

    private static Outcome attempt(Action action, String notice) {
        try {
            action.run();
            return new Outcome(notice, null);
        } catch (RunConflictException | RunRequestException | RunNotFoundException | PlanRefusedException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    // ---- the run -----------------------------------------------------------------------------------------------

    @PostMapping("/pause")
    String pause(@PathVariable Long id, RedirectAttributes redirect) {
        return back(id, redirect, attempt(() -> engine.pause(id), "Pausing: the step in progress, if any, finishes first."));
    }

    @PostMapping("/pause")
    @HxRequest
    String pauseFragment(@PathVariable Long id, Model model) {
        return runActions(id, model, attempt(() -> engine.pause(id), "Pausing: the step in progress, if any, finishes first."));
    }

    @PostMapping("/resume")
    String resume(@PathVariable Long id, RedirectAttributes redirect) {
        return back(id, redirect, attempt(() -> engine.resume(id), "Resumed."));
    }

    @PostMapping("/resume")
    @HxRequest
    String resumeFragment(@PathVariable Long id, Model model) {
        return runActions(id, model, attempt(() -> engine.resume(id), "Resumed."));
    }

    @PostMapping("/abort")
    String abort(@PathVariable Long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return back(id, redirect, attempt(() -> engine.abort(id, reason), "Aborted."));
    }

    @PostMapping("/abort")
    @HxRequest
    String abortFragment(@PathVariable Long id, @RequestParam(required = false) String reason, Model model) {
        return runActions(id, model, attempt(() -> engine.abort(id, reason), "Aborted."));
    }

    // ---- one step ----------------------------------------------------------------------------------------------

    @PostMapping("/steps/{stepId}/run")
    String runStep(@PathVariable Long id, @PathVariable Long stepId, RedirectAttributes redirect) {
        return back(id, redirect, attempt(() -> engine.run(id, stepId), "The panel runs this step's commands."));
    }

    @PostMapping("/steps/{stepId}/run")
    @HxRequest
    String runStepFragment(@PathVariable Long id, @PathVariable Long stepId, Model model) {
        return stepActions(id, stepId, model, attempt(() -> engine.run(id, stepId), "The panel runs this step's commands."));
    }

    @PostMapping("/steps/{stepId}/confirm")
    String confirm(@PathVariable Long id, @PathVariable Long stepId, @RequestParam(required = false) String note,
                   RedirectAttributes redirect) {
        return back(id, redirect, attempt(() -> engine.confirm(id, stepId, note), "Confirmed; the panel verifies the step."));
    }

    @PostMapping("/steps/{stepId}/confirm")
    @HxRequest
    String confirmFragment(@PathVariable Long id, @PathVariable Long stepId, @RequestParam(required = false) String note,
                           Model model) {
        return stepActions(id, stepId, model,
                attempt(() -> engine.confirm(id, stepId, note), "Confirmed; the panel verifies the step."));
    }

    @PostMapping("/steps/{stepId}/retry")
    String retry(@PathVariable Long id, @PathVariable Long stepId,
                 @RequestParam(defaultValue = "false") boolean confirmUnsafe, RedirectAttributes redirect) {
        return back(id, redirect, attempt(() -> engine.retry(id, stepId, confirmUnsafe), "Retrying the step."));
    }

    @PostMapping("/steps/{stepId}/retry")
    @HxRequest
    String retryFragment(@PathVariable Long id, @PathVariable Long stepId,
                         @RequestParam(defaultValue = "false") boolean confirmUnsafe, Model model) {
        return stepActions(id, stepId, model, attempt(() -> engine.retry(id, stepId, confirmUnsafe), "Retrying the step."));
    }

    @PostMapping("/steps/{stepId}/skip")
    String skip(@PathVariable Long id, @PathVariable Long stepId, @RequestParam(required = false) String reason,
                RedirectAttributes redirect) {
        return back(id, redirect, skipOutcome(id, stepId, reason));
    }

    @PostMapping("/steps/{stepId}/skip")
    @HxRequest
    String skipFragment(@PathVariable Long id, @PathVariable Long stepId, @RequestParam(required = false) String reason,
                        Model model) {
        return stepActions(id, stepId, model, skipOutcome(id, stepId, reason));
    }

    /** The reason is required: refused here with a field message before the engine is asked. */
    private Outcome skipOutcome(Long id, Long stepId, String reason) {
        if (reason == null || reason.isBlank()) return new Outcome(null, "Say why this step is skipped.");
        return attempt(() -> engine.skip(id, stepId, reason), "Skipped.");
    }

    private String runActions(Long id, Model model, Outcome outcome) {
        model.addAttribute("run", queries.get(id));
        model.addAttribute("canAct", true);
        model.addAttribute("outcome", outcome);
        return "runs/actions :: run-actions";
    }

    private String stepActions(Long id, Long stepId, Model model, Outcome outcome) {
        model.addAttribute("card", RunPageModel.of(queries.get(id)).card(stepId));
        model.addAttribute("canAct", true);
        model.addAttribute("outcome", outcome);
        return "runs/actions :: step-actions";
    }

    private static String back(Long id, RedirectAttributes redirect, Outcome outcome) {
        if (outcome.error() != null) redirect.addFlashAttribute("error", outcome.error());
        if (outcome.notice() != null) redirect.addFlashAttribute("notice", outcome.notice());
        return "redirect:/runs/" + id;
    }
}
