package dev.upshift.audit.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.upshift.audit.AuditChainVerifier;
import dev.upshift.audit.AuditPage;
import dev.upshift.audit.AuditSearch;
import dev.upshift.audit.ChainVerification;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Audit page: the newest events first, filtered by actor, action, target, time and details text, a page at a
 * time, and a chain check. The same URL answers the full page and (for htmx) the table fragment. Every role reads it.
 */
@Controller
@RequestMapping("/audit")
class AuditController {

    static final int PAGE_SIZE = 50;

    private final AuditSearch search;
    private final AuditChainVerifier verifier;

    AuditController(AuditSearch search, AuditChainVerifier verifier) {
        this.search = search;
        this.verifier = verifier;
    }

    @GetMapping
    String page(@ModelAttribute("filter") AuditFilterParams filter, @RequestParam(defaultValue = "0") int page,
                Model model, HttpServletResponse response) {
        addEvents(model, filter, page, response);
        return "audit/list";
    }

    @GetMapping
    @HxRequest
    String table(@ModelAttribute("filter") AuditFilterParams filter, @RequestParam(defaultValue = "0") int page,
                 Model model, HttpServletResponse response) {
        addEvents(model, filter, page, response);
        return "audit/fragments :: audit-table";
    }

    @GetMapping("/verify")
    String verifyPage(Model model, HttpServletResponse response) {
        addVerification(model);
        model.addAttribute("filter", AuditFilterParams.NONE);
        addEvents(model, AuditFilterParams.NONE, 0, response);
        return "audit/list";
    }

    @GetMapping("/verify")
    @HxRequest
    String verify(Model model) {
        addVerification(model);
        return "audit/fragments :: verify-result";
    }

    /** The verdict, and for a broken chain a link to the page of the log that shows the first broken event. */
    private void addVerification(Model model) {
        ChainVerification verification = verifier.verify();
        model.addAttribute("verification", verification);
        if (!verification.intact()) {
            long id = verification.firstBrokenEventId();
            model.addAttribute("brokenEventLink", AuditFilterParams.NONE.link("/audit",
                    search.unfilteredPageOf(id, PAGE_SIZE)) + "#event-" + id);
        }
    }

    /** A filter that cannot be used shows its reason above an empty table (status 400), keeping what was typed. */
    private void addEvents(Model model, AuditFilterParams filter, int page, HttpServletResponse response) {
        AuditPage events;
        try {
            events = search.page(filter.toFilter(), page, PAGE_SIZE);
        } catch (InvalidAuditFilterException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("filterError", e.getMessage());
            events = new AuditPage(List.of(), 0, PAGE_SIZE, 0, false);
        }
        model.addAttribute("events", events);
        model.addAttribute("rows", events.events().stream().map(AuditRow::of).toList());
    }
}
