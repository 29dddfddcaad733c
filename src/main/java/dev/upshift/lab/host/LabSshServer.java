package dev.upshift.lab.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.upshift.remote.SshKeys;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * The SSH server of one lab host: Apache MINA SSHD bound to the host's own loopback address, with its own host key
 * (generated once, persisted in the host's directory), exactly one authorised client key, exec through
 * {@code /bin/sh -c} and the SFTP subsystem. The panel reaches it like any production server.
 */
public final class LabSshServer implements AutoCloseable {

    private final Supplier<SshServer> factory;
    private final String fingerprint;
    private volatile SshServer server;

    private LabSshServer(Supplier<SshServer> factory, String fingerprint) {
        this.factory = factory;
        this.fingerprint = fingerprint;
    }

    /**
     * @param hostKeyFile   where the host key lives (created on first start, reused after)
     * @param user          the only login name accepted
     * @param authorizedKey the only client key accepted
     * @param home          the working directory of commands (the account's home)
     * @param environment   the complete environment of commands
     */
    public static LabSshServer start(String address, int port, Path hostKeyFile, String user, PublicKey authorizedKey,
                                     Path home, Map<String, String> environment) {
        createParent(hostKeyFile);
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
        hostKeys.setAlgorithm(KeyUtils.RSA_ALGORITHM);
        hostKeys.setKeySize(3072);
        String fingerprint = SshKeys.fingerprint(firstKey(hostKeys).getPublic());
        Supplier<SshServer> factory = () -> {
            SshServer server = SshServer.setUpDefaultServer();
            server.setHost(address);
            server.setPort(port);
            server.setKeyPairProvider(hostKeys);
            server.setPublickeyAuthenticator((username, key, session) ->
                    user.equals(username) && KeyUtils.compareKeys(authorizedKey, key));
            server.setPasswordAuthenticator(null);
            server.setKeyboardInteractiveAuthenticator(null);
            server.setCommandFactory((channel, command) -> new LabShellCommand(command, home, environment));
            server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
            return server;
        };
        LabSshServer lab = new LabSshServer(factory, fingerprint);
        lab.listen(port);
        return lab;
    }

    private synchronized void listen(int port) {
        SshServer s = factory.get();
        s.setPort(port);
        try {
            s.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the lab SSH server on " + s.getHost() + ":" + port + ": " + e.getMessage(), e);
        }
        server = s;
    }

    private static void createParent(Path file) {
        try {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair firstKey(SimpleGeneratorHostKeyProvider provider) {
        Iterator<KeyPair> keys = provider.loadKeys(null).iterator();
        if (!keys.hasNext()) {
            throw new IllegalStateException("The lab host key could not be created");
        }
        return keys.next();
    }

    /** {@code SHA256:...} of the host key, as a client pins it. */
    public String fingerprint() {
        return fingerprint;
    }

    public int port() {
        return server.getPort();
    }

    public boolean isOpen() {
        return server.isStarted();
    }

    /**
     * A fault for the fault suite (not offered in the lab UI): the host's SSH server goes away as if its daemon died, dropping every
     * session and the commands running in them; {@link #back()} starts a new one on the same address, port and key.
     */
    public synchronized void outage() {
        close();
    }

    public synchronized void back() {
        if (!server.isStarted()) listen(server.getPort());
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
