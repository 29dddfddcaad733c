package dev.upshift.run.web;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.upshift.run.RunConflictException;
import dev.upshift.run.RunEngine;
import dev.upshift.run.RunQueries;
import dev.upshift.run.RunRequestException;
import dev.upshift.run.RunView;
import dev.upshift.security.Roles;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

/**
 * The last wizard step: start a PLANNED run. Every acknowledgement the plan requires (no downgrade, write load) is an
 * explicit checkbox; a missing one is a field error here, and the engine records the ones given.
 */
@Controller
@RequestMapping("/runs/{id}/start")
@PreAuthorize(Roles.ADMIN_OR_OPERATOR)
class RunStartController {

    private final RunEngine engine;
    private final RunQueries queries;

    RunStartController(RunEngine engine, RunQueries queries) {
        this.engine = engine;
        this.queries = queries;
    }

    @PostMapping
    String start(@PathVariable Long id, @ModelAttribute("startForm") StartFormData form, BindingResult result,
                 Model model, RedirectAttributes redirect) {
        if (tryStart(id, form, result)) {
            redirect.addFlashAttribute("notice", "Run started.");
        } else {
            redirect.addFlashAttribute("error", result.getAllErrors().get(0).getDefaultMessage());
        }
        return "redirect:/runs/" + id;
    }

    @PostMapping
    @HxRequest
    String startFragment(@PathVariable Long id, @ModelAttribute("startForm") StartFormData form, BindingResult result,
                         Model model, HtmxResponse htmx) {
        boolean started = tryStart(id, form, result);
        RunView run = queries.get(id);
        model.addAttribute("page", RunPageModel.of(run));
        model.addAttribute("run", run);
        model.addAttribute("servers", RunPrepareController.servers(run));
        model.addAttribute("acks", AckText.of(run.requiredAcknowledgements()));
        model.addAttribute("canAct", true);
        if (started) {
            // The wizard's steps (conf, pre-flight, start) give way; the stepper and console above follow over SSE.
            htmx.setRetarget("#run-prepare");
            model.addAttribute("started", "Run started by " + run.startedBy() + ": follow it step by step below.");
            return "runs/detail :: run-prepare";
        }
        model.addAttribute("missingAcks", run.requiredAcknowledgements().stream()
                .filter(a -> !form.getAcknowledge().contains(a)).toList());
        if (result.hasGlobalErrors()) model.addAttribute("startError", result.getGlobalError().getDefaultMessage());
        return "runs/fragments :: start-panel";
    }

    private boolean tryStart(Long id, StartFormData form, BindingResult result) {
        List<String> required = queries.get(id).requiredAcknowledgements();
        for (String ack : required) {
            if (!form.getAcknowledge().contains(ack)) {
                result.rejectValue("acknowledge", "required." + ack,
                        AckText.of(ack).title() + ": tick the box to confirm you have read this.");
            }
        }
        if (result.hasErrors()) return false;
        try {
            engine.start(id, form.getAcknowledge());
            return true;
        } catch (RunConflictException | RunRequestException e) {
            result.reject("start", e.getMessage());
            return false;
        }
    }
}
