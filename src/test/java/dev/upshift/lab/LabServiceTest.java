package dev.upshift.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.upshift.lab.host.LabKeys;
import dev.upshift.neo4j.BoltGateway;
import dev.upshift.neo4j.ClusterMember;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's life cycle and events, with the manager (real processes) replaced by a stub. */
class LabServiceTest {

    @TempDir
    Path dir;

    private final LabClusterManager manager = mock(LabClusterManager.class);
    private final BoltGateway bolt = mock(BoltGateway.class);
    private final List<Object> events = new CopyOnWriteArrayList<>();
    private final LabService service = new LabService(manager, bolt, events::add);

    @Test
    void aClusterGoesFromStartingToReadyWithItsStepsAndIsAnnounced() {
        LabClusterRequest request = new LabClusterRequest("3.4.5", 3, 0);
        given(manager.create(anyString(), eq(request), any())).willAnswer(call -> {
            Consumer<String> progress = call.getArgument(2);
            progress.accept("Starting member 2 of 3 (127.0.0.12, CORE)");
            return cluster(call.getArgument(0), request);
        });
        given(bolt.overview(any())).willReturn(List.of(
                new ClusterMember("a", List.of("bolt://127.0.0.11:7687"), "LEADER", List.of(), "default"),
                new ClusterMember("b", List.of("bolt://127.0.0.12:7687"), "FOLLOWER", List.of(), "default")));

        LabClusterView created = service.create(request);
        assertThat(created.status()).isIn(LabStatus.STARTING, LabStatus.READY);

        await().atMost(Duration.ofSeconds(30)).until(() -> service.find(created.id()).orElseThrow().status() != LabStatus.STARTING);
        LabClusterView ready = service.find(created.id()).orElseThrow();
        assertThat(ready.status()).as(ready.message()).isEqualTo(LabStatus.READY);
        assertThat(ready.progress()).extracting(LabClusterView.Step::text).contains("Starting member 2 of 3 (127.0.0.12, CORE)");
        assertThat(ready.members()).extracting(LabClusterView.MemberView::role).containsExactly("LEADER", "FOLLOWER");
        LabClusterReady announced = (LabClusterReady) events.get(0);
        assertThat(announced.labId()).isEqualTo(created.id());
        assertThat(announced.members()).extracting(LabClusterReady.Member::hostKeyFingerprint).containsExactly("SHA256:one", "SHA256:two");
        assertThat(announced.privateKeyPem()).contains("OPENSSH PRIVATE KEY");
        assertThat(announced.toString()).doesNotContain("PRIVATE KEY");

        service.onRegistered(new LabClusterRegistered(created.id(), "cluster-7"));
        assertThat(service.find(created.id()).orElseThrow().clusterId()).isEqualTo("cluster-7");

        assertThat(service.delete(created.id())).isTrue();
        verify(manager).destroy(created.id());
        assertThat(events).contains(new LabClusterRemoved(created.id()));
        assertThat(service.find(created.id())).isEmpty();
    }

    @Test
    void aFailureIsReportedWithItsMessage() {
        LabClusterRequest request = new LabClusterRequest("3.4.5", 3, 1);
        given(manager.create(anyString(), eq(request), any())).willThrow(new LabException("The cluster did not form within 240 s"));

        String id = service.create(request).id();

        await().atMost(Duration.ofSeconds(10)).until(() -> service.find(id).orElseThrow().status() == LabStatus.FAILED);
        assertThat(service.find(id).orElseThrow().message()).isEqualTo("The cluster did not form within 240 s");
        assertThat(events).isEmpty();
    }

    @Test
    void badInputIsRefusedAtOnceAndNothingIsTracked() {
        LabClusterRequest request = new LabClusterRequest("3.4.99", 3, 1);
        willThrow(new LabException("Neo4j Enterprise 3.4.99 is not on Maven Central")).given(manager).check(request);

        assertThatThrownBy(() -> service.create(request)).hasMessage("Neo4j Enterprise 3.4.99 is not on Maven Central");
        assertThat(service.list()).isEmpty();
    }

    private LabCluster cluster(String id, LabClusterRequest request) {
        LabCluster cluster = new LabCluster(id, request, dir, "upshift", LabKeys.loadOrCreate(dir.resolve("keys")));
        cluster.add(new LabMember(1, "127.0.0.11", LabMember.Role.CORE, dir, dir.resolve("neo4j"), 2222, "SHA256:one"), null);
        cluster.add(new LabMember(2, "127.0.0.12", LabMember.Role.CORE, dir, dir.resolve("neo4j"), 2222, "SHA256:two"), null);
        cluster.formed(Duration.ofSeconds(55));
        return cluster;
    }
}
