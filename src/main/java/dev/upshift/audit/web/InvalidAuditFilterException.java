package dev.upshift.audit.web;

/** A filter value that cannot be used (bad time, reversed range, too long): a 400 with the reason, never a 500. */
public class InvalidAuditFilterException extends RuntimeException {

    public InvalidAuditFilterException(String message) {
        super(message);
    }
}
