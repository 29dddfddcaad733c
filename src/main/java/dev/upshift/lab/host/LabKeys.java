package dev.upshift.lab.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;

import dev.upshift.remote.SshKeys;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * The lab's client key: one RSA key pair, written in OpenSSH format (what {@code ssh-keygen} writes and what a user
 * pastes into the panel), authorised on every lab host.
 */
public record LabKeys(PublicKey publicKey, String privateKeyPem) {

    /** Loads the key in {@code dir}, creating it on first use. */
    public static LabKeys loadOrCreate(Path dir) {
        Path file = dir.resolve("id_rsa");
        try {
            if (!Files.isRegularFile(file)) {
                Files.createDirectories(dir);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(3072);
                KeyPair pair = generator.generateKeyPair();
                ByteArrayOutputStream pem = new ByteArrayOutputStream();
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "upshift-lab", null, pem);
                Path partial = dir.resolve("id_rsa.part");
                Files.write(partial, pem.toByteArray());
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
                Files.move(partial, file);
            }
            String pem = Files.readString(file, StandardCharsets.UTF_8);
            return new LabKeys(SshKeys.parsePrivateKey(pem).getPublic(), pem);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create the lab's SSH client key in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "LabKeys[" + SshKeys.fingerprint(publicKey) + ", private=***]";
    }
}
