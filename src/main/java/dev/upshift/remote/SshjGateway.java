package dev.upshift.remote;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.xfer.FileSystemFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * SSH over sshj: one connection per operation (a run touches a server a few times a minute at most, and a fresh
 * connection never carries state from a server that was just restarted). Host key verification cannot be turned
 * off: every connection pins the target's fingerprint.
 */
@Component
public class SshjGateway implements SshGateway {

    private static final Logger log = LoggerFactory.getLogger(SshjGateway.class);
    private static final DefaultConfig CONFIG = new DefaultConfig();

    private final Duration connectTimeout;

    public SshjGateway(RemoteProperties properties) {
        this.connectTimeout = properties.connectTimeout();
    }

    @Override
    public String fetchHostKeyFingerprint(String host, int port) {
        PinnedHostKeyVerifier verifier = new PinnedHostKeyVerifier(null);
        try (SSHClient ssh = client(verifier)) {
            ssh.connect(host, port);
            return verifier.presented();
        } catch (IOException e) {
            throw new SshException("Cannot reach the SSH server at " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ExecResult exec(SshTarget target, String command, Duration timeout, OutputListener listener) {
        String effective = target.useSudo() ? "sudo -n sh -c " + shellQuote(command) : command;
        List<OutputLine> lines = Collections.synchronizedList(new ArrayList<>());
        OutputListener collect = line -> {
            lines.add(line);
            listener.onLine(line);
        };
        Instant started = Instant.now();
        try (SSHClient ssh = connect(target); Session session = ssh.startSession()) {
            Session.Command cmd = session.exec(effective);
            Thread out = pump(cmd.getInputStream(), OutputLine.Stream.STDOUT, collect);
            Thread err = pump(cmd.getErrorStream(), OutputLine.Stream.STDERR, collect);
            long deadline = System.nanoTime() + timeout.toNanos();
            joinUntil(out, deadline);
            joinUntil(err, deadline);
            if (out.isAlive() || err.isAlive()) {
                // Closing the channel makes the server destroy the command; the readers then see EOF.
                cmd.close();
                Duration took = Duration.between(started, Instant.now());
                collect.onLine(new OutputLine(Instant.now(), OutputLine.Stream.STDERR,
                        "[upshift] timed out after " + timeout.toSeconds() + " s; the SSH channel was closed"));
                log.warn("{} on {} timed out after {}", command, target, timeout);
                return new ExecResult(command, -1, true, lines, took);
            }
            cmd.join(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
            Integer status = cmd.getExitStatus();
            return new ExecResult(command, status == null ? -1 : status, false, lines, Duration.between(started, Instant.now()));
        } catch (IOException e) {
            throw new SshException("Running `" + command + "` on " + target.host() + ":" + target.port() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("Interrupted while running `" + command + "` on " + target.host(), e);
        }
    }

    @Override
    public void upload(SshTarget target, byte[] content, String remotePath) {
        sftp(target, "upload to " + remotePath, sftp -> {
            try (RemoteFile file = sftp.open(remotePath, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC));
                 OutputStream out = file.new RemoteFileOutputStream()) {
                out.write(content);
            }
            return null;
        });
    }

    @Override
    public void upload(SshTarget target, Path localFile, String remotePath) {
        sftp(target, "upload " + localFile + " to " + remotePath, sftp -> {
            sftp.put(new FileSystemFile(localFile.toFile()), remotePath);
            return null;
        });
    }

    @Override
    public byte[] download(SshTarget target, String remotePath) {
        return sftp(target, "download " + remotePath, sftp -> {
            try (RemoteFile file = sftp.open(remotePath); InputStream in = file.new RemoteFileInputStream()) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                in.transferTo(buffer);
                return buffer.toByteArray();
            }
        });
    }

    @Override
    public void download(SshTarget target, String remotePath, Path localFile) {
        sftp(target, "download " + remotePath + " to " + localFile, sftp -> {
            sftp.get(remotePath, new FileSystemFile(localFile.toFile()));
            return null;
        });
    }

    private interface SftpWork<T> {
        T apply(SFTPClient sftp) throws IOException;
    }

    private <T> T sftp(SshTarget target, String what, SftpWork<T> work) {
        try (SSHClient ssh = connect(target); SFTPClient sftp = ssh.newSFTPClient()) {
            return work.apply(sftp);
        } catch (IOException e) {
            throw new SshException("SFTP " + what + " on " + target.host() + ":" + target.port() + " failed: " + e.getMessage(), e);
        }
    }

    private SSHClient connect(SshTarget target) throws IOException {
        PinnedHostKeyVerifier verifier = new PinnedHostKeyVerifier(target.hostKeyFingerprint());
        SSHClient ssh = client(verifier);
        try {
            ssh.connect(target.host(), target.port());
        } catch (TransportException e) {
            ssh.close();
            if (verifier.refused()) {
                throw new HostKeyMismatchException(target.host(), target.port(), target.hostKeyFingerprint(), verifier.presented());
            }
            throw new SshException("Cannot reach the SSH server at " + target.host() + ":" + target.port() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            ssh.close();
            throw new SshException("Cannot reach the SSH server at " + target.host() + ":" + target.port() + ": " + e.getMessage(), e);
        }
        try {
            if (target.privateKeyPem() != null) {
                ssh.authPublickey(target.username(), SshKeys.parsePrivateKey(target.privateKeyPem()));
            } else if (target.password() != null) {
                ssh.authPassword(target.username(), target.password());
            } else {
                throw new SshException("No private key or password for " + target);
            }
        } catch (UserAuthException e) {
            ssh.close();
            throw new SshException("The SSH server at " + target.host() + ":" + target.port() + " refused the login of "
                    + target.username() + ": " + e.getMessage(), e);
        } catch (RuntimeException | IOException e) {
            ssh.close();
            throw e;
        }
        return ssh;
    }

    private SSHClient client(PinnedHostKeyVerifier verifier) {
        SSHClient ssh = new SSHClient(CONFIG);
        ssh.addHostKeyVerifier(verifier);
        ssh.setConnectTimeout((int) connectTimeout.toMillis());
        return ssh;
    }

    private static Thread pump(InputStream in, OutputLine.Stream stream, OutputListener listener) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    listener.onLine(new OutputLine(Instant.now(), stream, line));
                }
            } catch (IOException e) {
                // the channel was closed under us (timeout): the caller reports that
            }
        }, "ssh-" + stream.name().toLowerCase());
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void joinUntil(Thread t, long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }
}
