package dev.upshift.lab.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An SSH exec request run the way OpenSSH runs it: {@code /bin/sh -c <command>} in the account's home, with the
 * host's environment (JAVA_HOME and PATH, so {@code bin/neo4j} finds Java). Closing the channel destroys the shell,
 * not what it detached ({@code bin/neo4j start} uses setsid for that reason).
 */
final class LabShellCommand implements Command {

    private final String command;
    private final Path workDir;
    private final Map<String, String> environment;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Process process;

    LabShellCommand(String command, Path workDir, Map<String, String> environment) {
        this.command = command;
        this.workDir = workDir;
        this.environment = environment;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        process = builder.start();
        Thread stdout = pump(process.getInputStream(), out, "stdout");
        Thread stderr = pump(process.getErrorStream(), err, "stderr");
        Thread stdin = pump(in, process.getOutputStream(), "stdin");
        Thread waiter = new Thread(() -> {
            int code;
            try {
                code = process.waitFor();
                stdout.join();
                stderr.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                code = 130;
            }
            stdin.interrupt();
            exit.onExit(code);
        }, "lab-ssh-exit");
        waiter.setDaemon(true);
        waiter.start();
    }

    private static Thread pump(InputStream from, OutputStream to, String name) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (from; to) {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // the other side went away (channel closed or process ended): nothing left to copy
            }
        }, "lab-ssh-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void destroy(ChannelSession channel) {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }
}
