package dev.upshift.audit.web;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RestController;

import dev.upshift.audit.AuditFilter;
import dev.upshift.audit.AuditSearch;
import dev.upshift.security.CurrentActor;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Audit exports, CSV and JSON, with the page's filters, for every role (AUDITOR included: exporting is a lead's job).
 * Rows are written to the response as the database hands them over, so any size works in constant memory.
 *
 * <p>An export records no audit event, deliberately. It is a GET, and the security rules let an AUDITOR make any GET
 * because GETs change nothing (the AUDITOR_ACTIONS exception is for non-GET paths ending in {@code /export}); CSRF
 * protection covers only non-GET requests too. A GET that appended to the chain would break both assumptions (a link
 * on another site could make a signed-in browser write events), and the chain records state changes, which an
 * export is not. Who exported what is logged instead (SLF4J, INFO), without touching the chain.
 */
@RestController
class AuditExportController {

    private static final Logger log = LoggerFactory.getLogger(AuditExportController.class);

    private final AuditSearch search;
    private final JsonMapper json;
    private final Clock clock;

    AuditExportController(AuditSearch search, JsonMapper json, ObjectProvider<Clock> clock) {
        this.search = search;
        this.json = json;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping({"/audit/export.csv", "/api/audit/export.csv"})
    void csv(@ModelAttribute AuditFilterParams params, HttpServletResponse response) throws IOException {
        AuditFilter filter = params.toFilter(); // a bad filter answers 400 before anything is written
        start(response, "text/csv;charset=UTF-8", "csv");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                64 * 1024);
        AuditCsv.writeHeader(out);
        long rows = search.stream(filter, entry -> {
            try {
                AuditCsv.writeRow(out, entry);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.flush();
        logExport("csv", params, rows);
    }

    @GetMapping({"/audit/export.json", "/api/audit/export.json"})
    void json(@ModelAttribute AuditFilterParams params, HttpServletResponse response) throws IOException {
        AuditFilter filter = params.toFilter();
        start(response, "application/json", "json");
        OutputStream body = response.getOutputStream();
        long rows;
        try (JsonGenerator out = json.createGenerator(body)) {
            out.writeStartArray();
            rows = search.stream(filter, entry -> AuditJson.write(out, entry));
            out.writeEndArray();
        }
        logExport("json", params, rows);
    }

    @ExceptionHandler(InvalidAuditFilterException.class)
    ProblemDetail invalidFilter(InvalidAuditFilterException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid audit filter");
        return problem;
    }

    private void start(HttpServletResponse response, String contentType, String extension) {
        String day = DateTimeFormatter.ISO_LOCAL_DATE.format(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        response.setContentType(contentType);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("upshift-audit-" + day + "." + extension).build().toString());
    }

    private static void logExport(String format, AuditFilterParams params, long rows) {
        log.info("Audit export ({}) by {}: {} events, filters {}", format, CurrentActor.name(), rows,
                params.link("", null));
    }
}
