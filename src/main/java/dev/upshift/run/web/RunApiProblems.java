package dev.upshift.run.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.Map;

import dev.upshift.procedure.PlanRefusedException;
import dev.upshift.run.ApprovalRequiredException;
import dev.upshift.run.RollbackRefusedException;
import dev.upshift.run.RunConflictException;
import dev.upshift.run.RunNotFoundException;
import dev.upshift.run.RunRequestException;
import dev.upshift.run.SelfApprovalException;

/** RFC 9457 problem details for the run API, each with a message a person can act on. */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(basePackageClasses = RunApiProblems.class)
class RunApiProblems {

    @ExceptionHandler(PlanRefusedException.class)
    ProblemDetail refused(PlanRefusedException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        p.setTitle("Upgrade not allowed");
        p.setProperty("code", e.code().name());
        p.setProperty("reason", e.reason());
        if (e.route() != null) p.setProperty("route", e.route());
        return p;
    }

    @ExceptionHandler(RollbackRefusedException.class)
    ProblemDetail rollbackRefused(RollbackRefusedException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        p.setTitle("Rollback not possible");
        p.setProperty("code", e.code());
        return p;
    }

    @ExceptionHandler(RunRequestException.class)
    ProblemDetail invalid(RunRequestException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("Invalid run request");
        return p;
    }

    @ExceptionHandler(RunNotFoundException.class)
    ProblemDetail notFound(RunNotFoundException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setTitle("Not found");
        return p;
    }

    /** A start without a valid approval: 409 in the API's error shape, {@code errors: [{field, message}]}. */
    @ExceptionHandler(ApprovalRequiredException.class)
    ProblemDetail approvalRequired(ApprovalRequiredException e) {
        return approvalProblem(HttpStatus.CONFLICT, "Approval required", e.getMessage());
    }

    @ExceptionHandler(SelfApprovalException.class)
    ProblemDetail selfApproval(SelfApprovalException e) {
        return approvalProblem(HttpStatus.FORBIDDEN, "Self-approval refused", e.getMessage());
    }

    private static ProblemDetail approvalProblem(HttpStatus status, String title, String message) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, message);
        p.setTitle(title);
        p.setProperty("errors", List.of(Map.of("field", "approval", "message", message)));
        return p;
    }

    @ExceptionHandler(RunConflictException.class)
    ProblemDetail conflict(RunConflictException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        p.setTitle("Not possible now");
        if (e.activeRunId() != null) p.setProperty("activeRunId", e.activeRunId());
        return p;
    }
}
