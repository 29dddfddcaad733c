package dev.upshift.remote;

import java.util.Objects;

/**
 * One SSH account on one server, as the panel stores it. Exactly one of {@code privateKeyPem} and {@code password}
 * is normally set. {@code hostKeyFingerprint} ({@code SHA256:...}) is the key the user confirmed on first contact;
 * a connection presenting any other key is refused. {@link #toString()} never shows the secrets.
 *
 * @param useSudo run commands through {@code sudo -n} (for servers where Neo4j belongs to another user)
 */
public record SshTarget(String host, int port, String username, String privateKeyPem, String password,
                        String hostKeyFingerprint, boolean useSudo) {

    public SshTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SSH port must be between 1 and 65535, not " + port);
        }
        if (hostKeyFingerprint == null || hostKeyFingerprint.isBlank()) {
            throw new IllegalArgumentException("A pinned host key fingerprint is required for " + host + ":" + port
                    + " (fetch it on first contact and confirm it)");
        }
    }

    public static SshTarget withKey(String host, int port, String username, String privateKeyPem, String fingerprint) {
        return new SshTarget(host, port, username, privateKeyPem, null, fingerprint, false);
    }

    public SshTarget withFingerprint(String otherFingerprint) {
        return new SshTarget(host, port, username, privateKeyPem, password, otherFingerprint, useSudo);
    }

    /** The same account for a command that already carries its own {@code sudo} (a plan's command, shown as it runs). */
    public SshTarget withoutSudoWrapping() {
        return new SshTarget(host, port, username, privateKeyPem, password, hostKeyFingerprint, false);
    }

    @Override
    public String toString() {
        return "SshTarget[" + username + "@" + host + ":" + port + ", hostKey=" + hostKeyFingerprint
                + (privateKeyPem != null ? ", key=***" : "") + (password != null ? ", password=***" : "")
                + (useSudo ? ", sudo" : "") + "]";
    }
}
