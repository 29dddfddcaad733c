package dev.upshift.remote;

/** An SSH operation failed; the message names the server and the reason, for a person. */
public class SshException extends RuntimeException {

    public SshException(String message) {
        super(message);
    }

    public SshException(String message, Throwable cause) {
        super(message, cause);
    }
}
