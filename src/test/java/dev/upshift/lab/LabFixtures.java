package dev.upshift.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

import dev.upshift.neo4j.DriverBoltGateway;
import dev.upshift.neo4j.Neo4jProperties;
import dev.upshift.remote.RemoteProperties;
import dev.upshift.remote.SshjGateway;

/** Shared set-up of the lab tests: real gateways, a lab root under the build directory, leftover checks. */
final class LabFixtures {

    static final SshjGateway SSH = new SshjGateway(new RemoteProperties(Duration.ofSeconds(10)));
    static final DriverBoltGateway BOLT = new DriverBoltGateway(new Neo4jProperties(Duration.ofSeconds(5)));

    private LabFixtures() {
    }

    /** One lab root for all lab tests, so the distribution cache is shared between them. */
    static Path root() {
        return Path.of(System.getProperty("lab.it.root", "target/lab-it")).toAbsolutePath();
    }

    static LabClusterManager manager(String addressBase) {
        return new LabClusterManager(LabProperties.defaults(root(), addressBase), SSH, BOLT);
    }

    /** Nothing of the cluster may be left: no JVM carrying its marker, nothing listening on its addresses. */
    static void assertNothingLeft(LabClusterManager lab, String labId, Iterable<LabMember> members) {
        assertThat(LabProcesses.ofLab(lab.root(), labId)).as("lab JVMs still running").isEmpty();
        for (LabMember m : members) {
            for (int port : new int[] {7687, 5000, 6000, 7000, 7474, 6362, m.sshPort()}) {
                assertThat(listening(m.address(), port)).as(m.address() + ":" + port + " still listening").isFalse();
            }
        }
        assertThat(lab.root().resolve("clusters").resolve(labId)).doesNotExist();
    }

    static boolean listening(String address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void printRss(LabCluster cluster) {
        for (LabMember m : cluster.members()) {
            long pid = LabClusterManager.readPid(m.pidFile()).orElse(-1L);
            System.out.printf("[lab-measure] %s RSS member %d %s (%s): %d MB%n", cluster.version(), m.number(), m.address(),
                    m.role(), LabProcesses.rssMegabytes(pid));
        }
    }
}
