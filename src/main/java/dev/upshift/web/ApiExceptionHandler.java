package dev.upshift.web;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import jakarta.persistence.EntityNotFoundException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.BindException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problem details for every {@code @RestController} (the JSON API). Validation failures are 400 with an
 * {@code errors} list of {@code {field, message}}; a missing thing ({@link NoSuchElementException},
 * {@link EntityNotFoundException}) is 404; a refused role is 403; a write that breaks a unique constraint is 409.
 * A controller that finds a field-level problem in its service throws a {@link BindException}. Page controllers are
 * not covered: their errors render {@code templates/error.html}.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = invalid(ex.getBindingResult());
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    /** Says what in the body could not be read (the default says only "Failed to read request"). */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getMostSpecificCause();
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().lines().findFirst().orElse("");
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body could not be read: " + why);
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    @ExceptionHandler(BindException.class)
    ResponseEntity<ProblemDetail> bind(BindException ex) {
        return ResponseEntity.badRequest().body(invalid(ex.getBindingResult()));
    }

    @ExceptionHandler({NoSuchElementException.class, EntityNotFoundException.class})
    ResponseEntity<ProblemDetail> notFound(RuntimeException ex) {
        return problem(HttpStatus.NOT_FOUND, ex.getMessage() == null ? "Not found." : ex.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException ex) {
        return problem(HttpStatus.FORBIDDEN, "Your role does not allow this request.");
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> conflict(DataIntegrityViolationException ex) {
        return problem(HttpStatus.CONFLICT, "The change conflicts with existing data (e.g. a name already in use).");
    }

    private static ProblemDetail invalid(BindingResult result) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Some fields are not valid.");
        List<Map<String, String>> errors = result.getAllErrors().stream()
                .map(error -> Map.of(
                        "field", error instanceof FieldError field ? field.getField() : error.getObjectName(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        body.setProperty("errors", errors);
        return body;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
