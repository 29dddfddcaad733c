package dev.upshift.remote;

import java.security.PublicKey;
import java.util.List;

import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * Accepts exactly one host key, the pinned one, and remembers what was presented so a refusal can name both
 * fingerprints. With a null pin it accepts anything: used only to read the key on first contact, never to log in.
 */
final class PinnedHostKeyVerifier implements HostKeyVerifier {

    private final String pinned;
    private volatile String presented;

    PinnedHostKeyVerifier(String pinned) {
        this.pinned = pinned;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        presented = SshKeys.fingerprint(key);
        return pinned == null || SshKeys.sameFingerprint(pinned, presented);
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        return List.of();
    }

    String presented() {
        return presented;
    }

    boolean refused() {
        return pinned != null && presented != null && !SshKeys.sameFingerprint(pinned, presented);
    }
}
