package dev.upshift.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM with a fresh random 12-byte IV per value. A ciphertext reads {@code v1:<base64(iv | ciphertext | tag)>},
 * so a later key or algorithm can be told apart. GCM's tag makes any change to a stored value fail to decrypt.
 *
 * <p>The master key is {@code UPSHIFT_MASTER_KEY} (Base64 of 32 bytes) if set; otherwise {@code <data-dir>/master.key},
 * which is created on first start, readable and writable by its owner only (0600). Losing the key loses the secrets.
 */
@Component
public class AesGcmSecretCipher implements SecretCipher {

    static final String PREFIX = "v1:";
    static final String KEY_FILE = "master.key";
    private static final Logger log = LoggerFactory.getLogger(AesGcmSecretCipher.class);
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] AAD = "upshift-secret-v1".getBytes(StandardCharsets.US_ASCII);
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    public AesGcmSecretCipher(UpshiftSecurityProperties properties) {
        this(loadKey(properties.masterKey(), properties.dataDir()));
    }

    AesGcmSecretCipher(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("The master key must be " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    @Override
    public String encrypt(String plaintext) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(AAD);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a secret", e);
        }
    }

    @Override
    public String decrypt(String ciphertext) {
        if (ciphertext == null) {
            return null;
        }
        if (!ciphertext.startsWith(PREFIX)) {
            throw new SecretDecryptionException("Not an encrypted secret of a known version");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(ciphertext.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretDecryptionException("An encrypted secret is not valid Base64");
        }
        if (data.length < IV_BYTES + TAG_BITS / 8) {
            throw new SecretDecryptionException("An encrypted secret is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
            cipher.updateAAD(AAD);
            byte[] plain = cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretDecryptionException("A stored secret could not be decrypted: it was altered, or it was "
                    + "encrypted under a different master key (check UPSHIFT_MASTER_KEY / master.key)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not decrypt a secret", e);
        }
    }

    /** A stored secret that does not decrypt under this master key. Never carries the value itself. */
    public static class SecretDecryptionException extends RuntimeException {
        public SecretDecryptionException(String message) {
            super(message);
        }
    }

    static byte[] loadKey(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return decodeKey(configured, "UPSHIFT_MASTER_KEY");
        }
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (Files.notExists(file)) {
                return createKeyFile(file);
            }
            warnIfReadableByOthers(file);
            return decodeKey(Files.readString(file, StandardCharsets.US_ASCII), "The master key file " + file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the master key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] createKeyFile(Path file) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            if (posix(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // another process created it first: use that one
            return decodeKey(Files.readString(file, StandardCharsets.US_ASCII), "The master key file " + file);
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        log.warn("Created the master key file {} (permissions 0600). Back it up: stored secrets cannot be decrypted "
                + "without it. To manage the key yourself, set UPSHIFT_MASTER_KEY instead.", file.toAbsolutePath());
        return key;
    }

    private static void warnIfReadableByOthers(Path file) throws IOException {
        if (posix(file) && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
            log.warn("The master key file {} is readable by others ({}); restrict it with: chmod 600 {}",
                    file.toAbsolutePath(), PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file);
        }
    }

    private static boolean posix(Path file) {
        Path existing = file.toAbsolutePath();
        while (existing != null && Files.notExists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static byte[] decodeKey(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid Base64. It must be the Base64 encoding of exactly "
                    + KEY_BYTES + " random bytes, e.g. the output of: openssl rand -base64 32");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(source + " decodes to " + key.length + " bytes; it must be the Base64 "
                    + "encoding of exactly " + KEY_BYTES + " random bytes, e.g. the output of: openssl rand -base64 32");
        }
        return key;
    }
}
