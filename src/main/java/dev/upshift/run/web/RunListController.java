package dev.upshift.run.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.upshift.run.RunQueries;

/** Every run, newest first (the filtered history comes with the team-lead pages). */
@Controller
class RunListController {

    private final RunQueries queries;

    RunListController(RunQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/runs")
    String list(Model model) {
        model.addAttribute("runs", queries.list(null));
        return "runs/list";
    }
}
