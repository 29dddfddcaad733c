package dev.upshift.remote;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The panel's only way to reach a server's shell and files. Host keys are always verified against the target's
 * pinned fingerprint. Behind an interface so the run engine can be unit tested with a fake; acceptance tests use
 * {@link SshjGateway} against real (lab) SSH servers.
 */
public interface SshGateway {

    /** First contact: the fingerprint ({@code SHA256:...}) of the key the server presents, without logging in. */
    String fetchHostKeyFingerprint(String host, int port);

    /**
     * Runs a command, streaming each stdout/stderr line to {@code listener} while it runs. At the timeout the
     * channel is closed and the result says {@code timedOut}.
     */
    ExecResult exec(SshTarget target, String command, Duration timeout, OutputListener listener);

    default ExecResult exec(SshTarget target, String command, Duration timeout) {
        return exec(target, command, timeout, OutputListener.NONE);
    }

    void upload(SshTarget target, byte[] content, String remotePath);

    void upload(SshTarget target, Path localFile, String remotePath);

    byte[] download(SshTarget target, String remotePath);

    void download(SshTarget target, String remotePath, Path localFile);
}
