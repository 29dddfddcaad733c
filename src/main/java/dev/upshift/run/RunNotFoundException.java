package dev.upshift.run;

/** No run (or no step of that run) with this id (404). */
public class RunNotFoundException extends RuntimeException {

    public RunNotFoundException(String message) {
        super(message);
    }
}
