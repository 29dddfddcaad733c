package dev.upshift.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.upshift.security.AesGcmSecretCipher.SecretDecryptionException;

class AesGcmSecretCipherTest {

    private static final String PRIVATE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";

    @TempDir
    Path dataDir;

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return key;
    }

    @Nested
    @DisplayName("encrypting and decrypting")
    class RoundTrip {

        private final AesGcmSecretCipher cipher = new AesGcmSecretCipher(key(7));

        @Test
        void returnsThePlaintext() {
            for (String secret : new String[] {PRIVATE_KEY, "s3cr3t pässwörd ✓", ""}) {
                String sealed = cipher.encrypt(secret);
                assertThat(sealed).startsWith("v1:").doesNotContain(secret.isEmpty() ? "\u0000" : secret);
                assertThat(cipher.decrypt(sealed)).isEqualTo(secret);
            }
        }

        @Test
        void usesAFreshIvEveryTime() {
            String a = cipher.encrypt("same");
            String b = cipher.encrypt("same");
            assertThat(a).isNotEqualTo(b);
            byte[] rawA = Base64.getDecoder().decode(a.substring(3));
            byte[] rawB = Base64.getDecoder().decode(b.substring(3));
            assertThat(java.util.Arrays.copyOf(rawA, 12)).isNotEqualTo(java.util.Arrays.copyOf(rawB, 12));
            assertThat(rawA).hasSize(12 + 4 + 16); // iv | ciphertext | 128-bit tag
        }

        @Test
        void passesNullThrough() {
            assertThat(cipher.encrypt(null)).isNull();
            assertThat(cipher.decrypt(null)).isNull();
        }
    }

    @Nested
    @DisplayName("refusing what does not decrypt")
    class Refusals {

        private final AesGcmSecretCipher cipher = new AesGcmSecretCipher(key(7));

        @Test
        void detectsTampering() {
            byte[] raw = Base64.getDecoder().decode(cipher.encrypt("neo4j-password").substring(3));
            raw[14] ^= 0x01; // one bit of the ciphertext
            String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
            assertThatThrownBy(() -> cipher.decrypt(tampered)).isInstanceOf(SecretDecryptionException.class)
                    .hasMessageContaining("altered");
        }

        @Test
        void failsUnderAnotherKey() {
            String sealed = cipher.encrypt("neo4j-password");
            assertThatThrownBy(() -> new AesGcmSecretCipher(key(8)).decrypt(sealed))
                    .isInstanceOf(SecretDecryptionException.class)
                    .hasMessageContaining("different master key")
                    .hasMessageNotContaining(sealed);
        }

        @Test
        void rejectsValuesItDidNotWrite() {
            assertThatThrownBy(() -> cipher.decrypt("plain text")).isInstanceOf(SecretDecryptionException.class);
            assertThatThrownBy(() -> cipher.decrypt("v1:%%%")).isInstanceOf(SecretDecryptionException.class);
            assertThatThrownBy(() -> cipher.decrypt("v1:AAAA")).isInstanceOf(SecretDecryptionException.class);
        }
    }

    @Nested
    @DisplayName("the master key")
    class MasterKey {

        @Test
        void isCreatedOnFirstStartAsAnOwnerOnlyFile() throws Exception {
            Path dir = dataDir.resolve("nested");
            byte[] first = AesGcmSecretCipher.loadKey(null, dir);
            Path file = dir.resolve("master.key");

            assertThat(file).exists();
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(first).hasSize(32);
            assertThat(AesGcmSecretCipher.loadKey("", dir)).as("reused on the next start").isEqualTo(first);
        }

        @Test
        void fromTheEnvironmentWinsOverTheFile() {
            byte[] key = key(3);
            byte[] loaded = AesGcmSecretCipher.loadKey(Base64.getEncoder().encodeToString(key), dataDir);
            assertThat(loaded).isEqualTo(key);
            assertThat(dataDir.resolve("master.key")).doesNotExist();
        }

        @Test
        void thatIsNotBase64IsRejectedClearly() {
            assertThatThrownBy(() -> AesGcmSecretCipher.loadKey("not*base64!", dataDir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("UPSHIFT_MASTER_KEY is not valid Base64")
                    .hasMessageContaining("openssl rand -base64 32");
        }

        @Test
        void ofTheWrongLengthIsRejectedClearly() {
            String sixteen = Base64.getEncoder().encodeToString(new byte[16]);
            assertThatThrownBy(() -> AesGcmSecretCipher.loadKey(sixteen, dataDir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("decodes to 16 bytes")
                    .hasMessageNotContaining(sixteen);
        }

        @Test
        void aCorruptKeyFileIsRejected() throws Exception {
            Files.writeString(dataDir.resolve("master.key"), "short", java.nio.charset.StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(dataDir.resolve("master.key"), PosixFilePermissions.fromString("rw-------"));
            assertThatThrownBy(() -> AesGcmSecretCipher.loadKey(null, dataDir))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("master key file");
        }

        @Test
        void encryptsUnderTheFileKeyAcrossRestarts() {
            UpshiftSecurityProperties props = new UpshiftSecurityProperties(dataDir, null, null,
                    new UpshiftSecurityProperties.Security(12));
            String sealed = new AesGcmSecretCipher(props).encrypt("ssh-password");
            assertThat(new AesGcmSecretCipher(props).decrypt(sealed)).isEqualTo("ssh-password");
            assertThat(Set.of(dataDir.toFile().list())).containsExactly("master.key");
        }
    }
}
