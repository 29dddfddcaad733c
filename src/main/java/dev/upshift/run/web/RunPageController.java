package dev.upshift.run.web;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.upshift.monitor.web.MembershipRenderer;
import dev.upshift.run.OutputLineView;
import dev.upshift.run.RunQueries;
import dev.upshift.run.RunView;
import dev.upshift.run.RunView.StepView;
import dev.upshift.security.Roles;

/**
 * The run page: the plan as a vertical stepper (its dry run while PLANNED), the live console and the cluster's
 * membership; plus the fragments the page re-asks for (a step's card, its output, the viewer's actions) and the
 * run's SSE stream. Acting on a run is {@link RunActionController}.
 */
@Controller
@RequestMapping("/runs/{id}")
class RunPageController {

    private final RunQueries queries;
    private final RunLiveView live;
    private final MembershipRenderer membership;
    private final ApprovalPanel approval;

    RunPageController(RunQueries queries, RunLiveView live, MembershipRenderer membership, ApprovalPanel approval) {
        this.approval = approval;
        this.queries = queries;
        this.live = live;
        this.membership = membership;
    }

    @GetMapping
    String page(@PathVariable Long id, Model model, Authentication viewer) {
        RunPageModel page = RunPageModel.of(queries.get(id));
        model.addAttribute("page", page);
        model.addAttribute("run", page.run());
        model.addAttribute("servers", RunPrepareController.servers(page.run()));
        model.addAttribute("canAct", canAct(viewer));
        model.addAttribute("acks", AckText.of(page.run().requiredAcknowledgements()));
        StepView focus = page.focusStep();
        model.addAttribute("consoleStep", focus);
        model.addAttribute("lines", focus == null ? List.of() : queries.output(id, focus.id(), 0));
        model.addAttribute("live", true);
        approval.addTo(model, id, viewer, null);
        membership.addTo(model, page.run().clusterId());
        return "runs/detail";
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter events(@PathVariable Long id) {
        return live.subscribe(id);
    }

    @GetMapping("/steps/{stepId}")
    String step(@PathVariable Long id, @PathVariable Long stepId, Model model, Authentication viewer) {
        model.addAttribute("card", RunPageModel.of(queries.get(id)).card(stepId));
        model.addAttribute("canAct", canAct(viewer));
        model.addAttribute("inlineActions", true);
        return "runs/fragments :: step-card";
    }

    /** One step's stored output, into the console (live lines follow only for the step the run stands on). */
    @GetMapping("/steps/{stepId}/output")
    String output(@PathVariable Long id, @PathVariable Long stepId, Model model) {
        RunPageModel page = RunPageModel.of(queries.get(id));
        StepView step = page.card(stepId).step();
        List<OutputLineView> lines = queries.output(id, stepId, 0);
        model.addAttribute("consoleStep", step);
        model.addAttribute("lines", lines);
        model.addAttribute("live", stepId.equals(page.currentStepId()) || page.focusStep() != null
                && stepId.equals(page.focusStep().id()));
        return "runs/fragments :: console";
    }

    /** The viewer's actions on one step: none for an AUDITOR (the forms would be refused anyway). */
    @GetMapping("/steps/{stepId}/actions")
    String stepActions(@PathVariable Long id, @PathVariable Long stepId, Model model, Authentication viewer) {
        model.addAttribute("card", RunPageModel.of(queries.get(id)).card(stepId));
        model.addAttribute("canAct", canAct(viewer));
        return "runs/actions :: step-actions";
    }

    @GetMapping("/actions")
    String runActions(@PathVariable Long id, Model model, Authentication viewer) {
        RunView run = queries.get(id);
        model.addAttribute("run", run);
        model.addAttribute("canAct", canAct(viewer));
        return "runs/actions :: run-actions";
    }

    static boolean canAct(Authentication viewer) {
        return viewer != null && viewer.getAuthorities().stream().anyMatch(a ->
                a.getAuthority().equals("ROLE_" + Roles.ADMIN) || a.getAuthority().equals("ROLE_" + Roles.OPERATOR));
    }
}
