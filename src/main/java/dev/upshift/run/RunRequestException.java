package dev.upshift.run;

/** The request cannot be acted on as given (400); the message says what to change. */
public class RunRequestException extends RuntimeException {

    public RunRequestException(String message) {
        super(message);
    }
}
