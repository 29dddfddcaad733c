package dev.upshift.lab;

/** A lab request that cannot be carried out; the message names the problem for a person. Nothing was left half-built. */
public class LabException extends RuntimeException {

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
