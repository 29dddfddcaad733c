package dev.upshift.audit.web;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.upshift.audit.AuditChainVerifier;
import dev.upshift.audit.AuditEventRepository;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

/** The Audit page: the newest events first, filtered by actor and action, and a chain check. Every role reads it. */
@Controller
@RequestMapping("/audit")
class AuditController {

    static final int PAGE_SIZE = 50;

    private final AuditEventRepository events;
    private final AuditChainVerifier verifier;

    AuditController(AuditEventRepository events, AuditChainVerifier verifier) {
        this.events = events;
        this.verifier = verifier;
    }

    @GetMapping
    String page(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                @RequestParam(defaultValue = "0") int page, Model model) {
        addEvents(model, actor, action, page);
        return "audit/list";
    }

    @GetMapping
    @HxRequest
    String table(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                 @RequestParam(defaultValue = "0") int page, Model model) {
        addEvents(model, actor, action, page);
        return "audit/fragments :: audit-table";
    }

    @GetMapping("/verify")
    String verifyPage(Model model) {
        model.addAttribute("verification", verifier.verify());
        addEvents(model, null, null, 0);
        return "audit/list";
    }

    @GetMapping("/verify")
    @HxRequest
    String verify(Model model) {
        model.addAttribute("verification", verifier.verify());
        return "audit/fragments :: verify-result";
    }

    private void addEvents(Model model, String actor, String action, int page) {
        String actorFilter = blankToNull(actor);
        String actionFilter = blankToNull(action);
        Page<AuditRow> rows = events.search(actorFilter, actionFilter,
                PageRequest.of(Math.max(page, 0), PAGE_SIZE, Sort.by(Sort.Direction.DESC, "id"))).map(AuditRow::of);
        model.addAttribute("events", rows);
        model.addAttribute("actor", actorFilter);
        model.addAttribute("action", actionFilter);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
