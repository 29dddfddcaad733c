package dev.upshift.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.upshift.lab.dist.DistributionBuilder;
import dev.upshift.lab.host.LabKeys;
import dev.upshift.lab.host.LabSshServer;
import dev.upshift.remote.ExecResult;
import dev.upshift.remote.SshGateway;
import dev.upshift.remote.SshTarget;

/**
 * Sets up the hosts of a lab cluster the way a DBA's machines look: a home directory per loopback address, an SSH
 * server of its own, and Neo4j unpacked and configured through that SSH server, as on a real host.
 */
final class LabHosts {

    private final LabProperties props;
    private final Path root;
    private final SshGateway ssh;
    private final Supplier<LabKeys> keys;

    LabHosts(LabProperties props, Path root, SshGateway ssh, Supplier<LabKeys> keys) {
        this.props = props;
        this.root = root;
        this.ssh = ssh;
        this.keys = keys;
    }

    void addMember(LabCluster cluster, int number, String address, LabMember.Role role, Path tarball) {
        Path home = hostHome(cluster, address);
        LabSshServer server = sshServer(cluster, address, home);
        Path neo4jHome = home.resolve(DistributionBuilder.topDirectory(cluster.version()));
        LabMember member = new LabMember(number, address, role, home, neo4jHome, props.sshPort(), server.fingerprint());
        cluster.add(member, server);
        ExecResult untar = ssh.exec(cluster.sshTarget(member), "tar -xzf '" + tarball + "'", Duration.ofMinutes(3));
        if (!untar.succeeded()) {
            throw new LabException("Unpacking Neo4j on " + address + " failed: " + untar.summary() + " " + untar.stderr());
        }
    }

    /**
     * A host where nothing runs yet: its NEO4J_HOME ({@code neo4j} in the home) does not exist until an upgrade
     * installs the new version beside it, as on a fresh cloud instance.
     */
    void addSpare(LabCluster cluster, int number, String address, LabMember.Role role) {
        Path home = hostHome(cluster, address);
        LabSshServer server = sshServer(cluster, address, home);
        cluster.addSpare(new LabMember(number, address, role, home, home.resolve("neo4j"), props.sshPort(), server.fingerprint()), server);
    }

    private static Path hostHome(LabCluster cluster, String address) {
        Path home = cluster.directory().resolve(address);
        try {
            return Files.createDirectories(home);
        } catch (IOException e) {
            throw new LabException("Cannot create the lab host directory " + home + ": " + e.getMessage(), e);
        }
    }

    private LabSshServer sshServer(LabCluster cluster, String address, Path home) {
        return LabSshServer.start(address, props.sshPort(), root.resolve("hosts").resolve(address).resolve("ssh_host_rsa_key"),
                props.sshUser(), keys.get().publicKey(), home, hostEnvironment(cluster, home));
    }

    void writeConf(LabCluster cluster, LabMember member) {
        SshTarget target = cluster.sshTarget(member);
        String confPath = member.neo4jHome().resolve("conf/neo4j.conf").toString();
        String defaults = new String(ssh.download(target, confPath), StandardCharsets.UTF_8);
        String conf = MemberConf.render(defaults, cluster.version(), member, cluster.members(), cluster.id(), root, props);
        ssh.upload(target, conf.getBytes(StandardCharsets.UTF_8), confPath);
    }

    /**
     * What a login shell on a lab host has: Java (the panel's own JDK) on the PATH, the lab marker for admin tools,
     * and {@code ~/bin} first, as Debian's {@code ~/.profile} puts it (where a rehearsal can shadow a tool, e.g. a
     * {@code df} that reports a nearly full disk).
     */
    private Map<String, String> hostEnvironment(LabCluster cluster, Path home) {
        String javaHome = System.getProperty("java.home");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("USER", props.sshUser());
        env.put("LOGNAME", props.sshUser());
        env.put("SHELL", "/bin/sh");
        env.put("LANG", "C.UTF-8");
        env.put("JAVA_HOME", javaHome);
        env.put("PATH", home.resolve("bin") + ":" + javaHome + "/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        env.put("UPSHIFT_LAB_MARKER", cluster.id());
        env.put("UPSHIFT_LAB_ROOT", root.toString());
        return env;
    }
}
