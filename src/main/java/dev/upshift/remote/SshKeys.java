package dev.upshift.remote;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;

import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.userauth.keyprovider.FileKeyProvider;
import net.schmizz.sshj.userauth.keyprovider.KeyFormat;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.keyprovider.KeyProviderUtil;

/** Key material helpers: parsing private keys the way the gateway will use them, and OpenSSH-style fingerprints. */
public final class SshKeys {

    private static final DefaultConfig CONFIG = new DefaultConfig();

    private SshKeys() {
    }

    /**
     * Parses an unencrypted private key in OpenSSH ({@code BEGIN OPENSSH PRIVATE KEY}) or PEM (PKCS#1/PKCS#8)
     * format. Parsing is forced here, so bad input fails when the user saves it, not in the middle of a run.
     */
    public static KeyProvider parsePrivateKey(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new InvalidPrivateKeyException("The private key is empty", null);
        }
        String text = pem.strip() + "\n";
        KeyFormat format;
        try {
            format = KeyProviderUtil.detectKeyFileFormat(text, false);
        } catch (IOException e) {
            throw new InvalidPrivateKeyException("The private key could not be read: " + e.getMessage(), e);
        }
        FileKeyProvider provider = Factory.Named.Util.create(CONFIG.getFileKeyProviderFactories(), format.toString());
        if (provider == null) {
            throw new InvalidPrivateKeyException("The private key is not in a known format (expected an OpenSSH key,"
                    + " \"-----BEGIN OPENSSH PRIVATE KEY-----\", or PEM, \"-----BEGIN RSA/EC PRIVATE KEY-----\")", null);
        }
        provider.init(text, null);
        try {
            provider.getPrivate();
            provider.getPublic();
        } catch (IOException | RuntimeException e) {
            throw new InvalidPrivateKeyException("The " + format + " private key could not be parsed"
                    + " (passphrase-protected keys are not supported): " + e.getMessage(), e);
        }
        return provider;
    }

    /** {@code SHA256:<base64, no padding>} of the key's SSH wire encoding, as {@code ssh-keygen -l} prints it. */
    public static String fingerprint(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fingerprints compare without regard to surrounding blanks or trailing base64 padding. */
    public static boolean sameFingerprint(String a, String b) {
        return a != null && b != null && normalise(a).equals(normalise(b));
    }

    private static String normalise(String fingerprint) {
        String f = fingerprint.strip();
        while (f.endsWith("=")) {
            f = f.substring(0, f.length() - 1);
        }
        return f;
    }
}
