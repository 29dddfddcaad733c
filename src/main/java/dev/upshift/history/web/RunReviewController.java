package dev.upshift.history.web;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

import dev.upshift.history.RunReportMarkdown;
import dev.upshift.history.RunReview;
import dev.upshift.history.RunReviews;
import dev.upshift.run.RunNotFoundException;

/**
 * A run afterwards, for every role: the review page (plan, checks, acknowledgements, every step with its output, the
 * per-server timeline picture, the membership log), and the same as a printable page and as Markdown.
 */
@Controller
class RunReviewController {

    static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);

    private final RunReviews reviews;

    RunReviewController(RunReviews reviews) {
        this.reviews = reviews;
    }

    @GetMapping("/runs/{id}/review")
    String review(@PathVariable Long id, Model model) {
        model.addAttribute("review", load(id));
        return "history/review";
    }

    @GetMapping("/runs/{id}/report.html")
    String printable(@PathVariable Long id, Model model) {
        model.addAttribute("review", load(id));
        return "history/report";
    }

    @GetMapping("/runs/{id}/report.md")
    ResponseEntity<String> markdown(@PathVariable Long id) {
        String report = RunReportMarkdown.write(load(id));
        return ResponseEntity.ok().contentType(MARKDOWN)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("upshift-run-" + id + ".md").build().toString())
                .body(report);
    }

    private RunReview load(Long id) {
        try {
            return reviews.review(id);
        } catch (RunNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }
}
