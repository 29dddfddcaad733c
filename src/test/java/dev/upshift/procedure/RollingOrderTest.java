package dev.upshift.procedure;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RollingOrderTest {

    @Test
    void followersThenTheLeaderThenReadReplicasEachByNumericAddress() {
        List<ServerSpec> servers = List.of(
                ServerSpec.tarball("a", "10.0.0.10", ServerRole.FOLLOWER, "/opt/n"),
                ServerSpec.tarball("b", "10.0.0.9", ServerRole.FOLLOWER, "/opt/n"),
                ServerSpec.tarball("c", "10.0.0.2", ServerRole.READ_REPLICA, "/opt/n"),
                ServerSpec.tarball("d", "10.0.0.1", ServerRole.LEADER, "/opt/n"));
        assertThat(RollingOrder.order(servers)).extracting(ServerSpec::id).containsExactly("b", "a", "d", "c");
        assertThat(RollingOrder.firstCore(servers).id()).isEqualTo("d");
    }

    @Test
    void theEngineReappliesTheOrderWhenLeadershipHasMoved() {
        // Planned: core-3 next, then core-2 (leader at planning). core-3 has since become the leader.
        Map<String, ServerRole> now = Map.of("core-3", ServerRole.LEADER, "core-2", ServerRole.FOLLOWER,
                "rr-1", ServerRole.READ_REPLICA);
        assertThat(RollingOrder.next(List.of("core-3", "core-2", "rr-1"), now)).contains("core-2");
        assertThat(RollingOrder.next(List.of("core-3", "rr-1"), now)).contains("core-3");
        assertThat(RollingOrder.next(List.of("rr-1"), now)).contains("rr-1");
        assertThat(RollingOrder.next(List.of(), now)).isEmpty();
    }
}
