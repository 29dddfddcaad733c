package dev.upshift.lab.web;

import java.net.URI;
import java.util.List;

import dev.upshift.lab.LabClusterView;
import dev.upshift.lab.LabException;
import dev.upshift.lab.LabService;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/lab/clusters}: create (202, builds in the background), read, list and tear down practice clusters. */
@RestController
@RequestMapping("/api/lab/clusters")
class LabApiController {

    private final LabService lab;

    LabApiController(LabService lab) {
        this.lab = lab;
    }

    @PostMapping
    ResponseEntity<LabClusterView> create(@Valid @RequestBody LabClusterForm form) {
        LabClusterView created = lab.create(form.toRequest());
        return ResponseEntity.accepted().location(URI.create("/api/lab/clusters/" + created.id())).body(created);
    }

    @GetMapping
    List<LabClusterView> list() {
        return lab.list();
    }

    @GetMapping("/{id}")
    LabClusterView get(@PathVariable String id) {
        return lab.find(id).orElseThrow(() -> notFound(id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        if (!lab.delete(id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(LabException.class)
    ProblemDetail badRequest(LabException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Lab cluster request refused");
        return problem;
    }

    private static ErrorResponseException notFound(String id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No lab cluster " + id);
        problem.setTitle("Unknown lab cluster");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
}
