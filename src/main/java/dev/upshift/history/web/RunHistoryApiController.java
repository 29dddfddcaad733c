package dev.upshift.history.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.upshift.history.InvalidRunFilterException;
import dev.upshift.history.RunPage;
import dev.upshift.history.RunRow;
import dev.upshift.history.RunSearch;

/**
 * {@code GET /api/runs}: the runs list with the page's filters ({@code clusterId}, {@code status}, {@code operator},
 * {@code from}, {@code to}, {@code sort}, {@code dir}) plus {@code page} (from 0) and {@code size} (1 to 200, clamped).
 */
@RestController
class RunHistoryApiController {

    static final int MAX_PAGE_SIZE = 200;

    private final RunSearch search;

    RunHistoryApiController(RunSearch search) {
        this.search = search;
    }

    @GetMapping("/api/runs")
    RunList list(@ModelAttribute RunFilterParams filter, @RequestParam(defaultValue = "0") int page,
                 @RequestParam(defaultValue = "50") int size) {
        RunPage runs = search.page(filter.toFilter(), page, Math.min(Math.max(size, 1), MAX_PAGE_SIZE));
        return new RunList(runs.items(), runs.page(), runs.size(), runs.total(), runs.totalPages(),
                runs.countsByStatus());
    }

    /** The project's validation shape: 400 with {@code errors: [{field, message}]}, one per unusable parameter. */
    @ExceptionHandler(InvalidRunFilterException.class)
    ProblemDetail invalidFilter(InvalidRunFilterException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid run filter");
        problem.setProperty("errors", e.problems().stream()
                .map(p -> Map.of("field", p.field(), "message", p.message())).toList());
        return problem;
    }

    record RunList(List<RunRow> items, int page, int size, long total, long totalPages,
                   Map<String, Long> countsByStatus) {
    }
}
