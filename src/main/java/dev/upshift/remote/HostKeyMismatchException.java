package dev.upshift.remote;

/**
 * The server presented a host key other than the pinned one: either the server was reinstalled, or someone is in
 * the middle. The panel never connects anyway; a person must confirm the new key.
 */
public class HostKeyMismatchException extends SshException {

    private final String expected;
    private final String presented;

    public HostKeyMismatchException(String host, int port, String expected, String presented) {
        super("Host key of " + host + ":" + port + " does not match the pinned key: expected " + expected
                + ", the server presented " + presented + ". Not connecting.");
        this.expected = expected;
        this.presented = presented;
    }

    public String expected() {
        return expected;
    }

    public String presented() {
        return presented;
    }
}
