package dev.upshift.audit.web;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.upshift.audit.AuditChainVerifier;
import dev.upshift.audit.AuditEventRepository;
import dev.upshift.audit.ChainVerification;

/** {@code /api/audit}: the events (newest first) and the chain check, for every role. */
@RestController
@RequestMapping("/api/audit")
class AuditApiController {

    private static final int MAX_PAGE_SIZE = 500;

    private final AuditEventRepository events;
    private final AuditChainVerifier verifier;

    AuditApiController(AuditEventRepository events, AuditChainVerifier verifier) {
        this.events = events;
        this.verifier = verifier;
    }

    @GetMapping("/verify")
    ChainVerification verify() {
        return verifier.verify();
    }

    @GetMapping
    EventPage list(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                   @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Page<AuditRow> rows = events.search(AuditController.blankToNull(actor), AuditController.blankToNull(action),
                PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), MAX_PAGE_SIZE),
                        Sort.by(Sort.Direction.DESC, "id"))).map(AuditRow::of);
        return new EventPage(rows.getContent(), rows.getNumber(), rows.getSize(), rows.getTotalElements(),
                rows.getTotalPages());
    }

    record EventPage(List<AuditRow> events, int page, int size, long totalEvents, int totalPages) {
    }
}
