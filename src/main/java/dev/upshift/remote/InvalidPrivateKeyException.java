package dev.upshift.remote;

/** Key material that does not parse as an OpenSSH or PEM private key. */
public class InvalidPrivateKeyException extends IllegalArgumentException {

    public InvalidPrivateKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
