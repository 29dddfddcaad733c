package dev.upshift.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import dev.upshift.neo4j.DriverBoltGateway;
import dev.upshift.neo4j.Neo4jProperties;
import dev.upshift.remote.RemoteProperties;
import dev.upshift.remote.SshjGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input refused with a clear message, before anything is built, and nothing left behind. */
class LabClusterManagerTest {

    @TempDir
    Path root;

    private LabClusterManager lab;

    @BeforeEach
    void setUp() {
        lab = new LabClusterManager(LabProperties.defaults(root, "127.0.0.41"),
                new SshjGateway(new RemoteProperties(Duration.ofSeconds(5))),
                new DriverBoltGateway(new Neo4jProperties(Duration.ofSeconds(2))));
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    @Test
    void aLoopbackAddressAlreadyInUseIsNamedAndNothingIsBuilt() throws Exception {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("127.0.0.42", 7687));

            assertThatThrownBy(() -> lab.create("lab-busy", new LabClusterRequest("3.4.5", 3, 0), step -> { }))
                    .isInstanceOf(LabException.class)
                    .hasMessageContaining("127.0.0.42 is already in use")
                    .hasMessageContaining("port 7687");
        }
        assertThat(lab.clusters()).isEmpty();
        assertThat(root.resolve("clusters")).doesNotExist();
        assertThat(LabFixtures.listening("127.0.0.41", 2222)).as("no SSH server was started").isFalse();
    }

    @Test
    void anUnknownVersionIsNotOnMavenCentral() {
        assertThatThrownBy(() -> lab.check(new LabClusterRequest("3.4.99", 3, 1)))
                .isInstanceOf(LabException.class)
                .hasMessageStartingWith("Neo4j Enterprise 3.4.99 is not on Maven Central");
    }

    @Test
    void aFailedCreateLeavesNothingAndFreesItsAddresses() {
        assertThatThrownBy(() -> lab.create("lab-nope", new LabClusterRequest("3.4.99", 2, 0), step -> { }))
                .isInstanceOf(LabException.class)
                .hasMessageStartingWith("Neo4j Enterprise 3.4.99 is not on Maven Central");

        assertThat(lab.clusters()).isEmpty();
        assertThat(root.resolve("clusters/lab-nope")).doesNotExist();
        assertThat(root.resolve("dist").toFile().list((d, n) -> n.endsWith(".tar.gz"))).isNullOrEmpty();
        assertThat(LabProcesses.ofLab(root, "lab-nope")).isEmpty();
    }

    @Test
    void badShapesAreRefusedBeforeAnythingIsReserved() {
        assertThatThrownBy(() -> lab.create("lab-zero", new LabClusterRequest("3.4.5", 0, 0), step -> { }))
                .hasMessageContaining("at least 2 core members");
        assertThatThrownBy(() -> lab.create("lab-many", new LabClusterRequest("3.4.5", 4, 4), step -> { }))
                .hasMessageContaining("at most 7 members");
        assertThat(lab.clusters()).isEmpty();
    }

    @Test
    void theAddressBaseMustBeLoopback() {
        assertThatThrownBy(() -> new LabClusterManager(LabProperties.defaults(root, "10.0.0.1"), null, null))
                .isInstanceOf(LabException.class).hasMessageContaining("loopback");
    }
}
