package dev.upshift.run;

/** The run's creator tried to approve its plan (403): an approval is a second person's. */
public class SelfApprovalException extends RuntimeException {

    SelfApprovalException(String message) {
        super(message);
    }
}
