package dev.upshift.security;

/**
 * Encrypts secrets at rest (SSH keys and passwords, Neo4j passwords) with AES-GCM under the master key
 * ({@code UPSHIFT_MASTER_KEY}, or a 0600 key file created on first start).
 */
public interface SecretCipher {

    /** @return an opaque, self-describing ciphertext (null in, null out) */
    String encrypt(String plaintext);

    /** @return the plaintext of a value produced by {@link #encrypt} (null in, null out) */
    String decrypt(String ciphertext);
}
