package dev.upshift.history.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

import dev.upshift.history.InvalidRunFilterException;
import dev.upshift.history.RunPage;
import dev.upshift.history.RunSearch;
import dev.upshift.run.RunStatus;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Runs page: every run, filtered by cluster, status, operator and time, sorted, a page at a time, with the
 * count of each status. The same URL answers the full page and (for htmx) the list fragment. Every role reads it.
 */
@Controller
class RunHistoryController {

    static final int PAGE_SIZE = 25;

    private final RunSearch search;

    RunHistoryController(RunSearch search) {
        this.search = search;
    }

    @GetMapping("/runs")
    String page(@ModelAttribute("filter") RunFilterParams filter, @RequestParam(defaultValue = "0") int page,
                Model model, HttpServletResponse response) {
        addRuns(model, filter, page, response);
        model.addAttribute("clusters", search.clusters());
        model.addAttribute("statuses", RunStatus.values());
        return "history/list";
    }

    @GetMapping("/runs")
    @HxRequest
    String list(@ModelAttribute("filter") RunFilterParams filter, @RequestParam(defaultValue = "0") int page,
                Model model, HttpServletResponse response) {
        addRuns(model, filter, page, response);
        return "history/fragments :: runs-list";
    }

    /** A filter that cannot be used shows its reasons above an empty list (status 400), keeping what was typed. */
    private void addRuns(Model model, RunFilterParams filter, int page, HttpServletResponse response) {
        RunPage runs;
        try {
            runs = search.page(filter.toFilter(), page, PAGE_SIZE);
        } catch (InvalidRunFilterException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("filterErrors", e.problems());
            runs = new RunPage(List.of(), 0, PAGE_SIZE, 0, Map.of());
        }
        model.addAttribute("runs", runs);
    }
}
