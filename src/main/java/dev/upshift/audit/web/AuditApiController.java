package dev.upshift.audit.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.upshift.audit.AuditChainVerifier;
import dev.upshift.audit.AuditPage;
import dev.upshift.audit.AuditSearch;
import dev.upshift.audit.ChainVerification;

/** {@code /api/audit}: the events (newest first, the page's filters) and the chain check, for every role. */
@RestController
@RequestMapping("/api/audit")
class AuditApiController {

    static final int MAX_PAGE_SIZE = 500;

    private final AuditSearch search;
    private final AuditChainVerifier verifier;

    AuditApiController(AuditSearch search, AuditChainVerifier verifier) {
        this.search = search;
        this.verifier = verifier;
    }

    @GetMapping("/verify")
    ChainVerification verify() {
        return verifier.verify();
    }

    /** A page past the end answers the last page; a size outside 1 to 500 is clamped into it. */
    @GetMapping
    EventPage list(@ModelAttribute AuditFilterParams filter, @RequestParam(defaultValue = "0") int page,
                   @RequestParam(defaultValue = "50") int size) {
        AuditPage events = search.page(filter.toFilter(), page, Math.min(Math.max(size, 1), MAX_PAGE_SIZE));
        return new EventPage(events.events().stream().map(AuditRow::of).toList(), events.page(), events.size(),
                events.total(), events.totalCapped(), events.totalPages());
    }

    @ExceptionHandler(InvalidAuditFilterException.class)
    ProblemDetail invalidFilter(InvalidAuditFilterException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid audit filter");
        return problem;
    }

    /** @param totalCapped true when more than {@code totalEvents} events match (filtered counts stop at 1,000) */
    record EventPage(List<AuditRow> events, int page, int size, long totalEvents, boolean totalCapped,
                     long totalPages) {
    }
}
