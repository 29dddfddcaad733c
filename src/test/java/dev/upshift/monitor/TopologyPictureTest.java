package dev.upshift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.upshift.monitor.web.TopologyPicture;

class TopologyPictureTest {

    private static MemberState m(String address, String role, boolean present) {
        return new MemberState(address, role, "3.4.5", List.of(), null, present, Instant.EPOCH);
    }

    @Test
    void coresSitOnTheRingAndReplicasOutsideItWithTheLeaderMarkedAndMissingGreyed() {
        var snapshot = new MembershipSnapshot(1L, Instant.EPOCH, true, "bolt://a:7687", null, List.of(
                m("a", "LEADER", true), m("b", "FOLLOWER", true), m("c", "FOLLOWER", false), m("d", "READ_REPLICA", true)));

        TopologyPicture picture = TopologyPicture.of(snapshot);

        assertThat(picture.nodes()).hasSize(4);
        for (TopologyPicture.Node n : picture.nodes()) {
            double distance = Math.hypot(n.x() - picture.cx(), n.y() - picture.cy());
            if (n.core()) {
                assertThat(distance).isCloseTo(picture.ring(), org.assertj.core.data.Offset.offset(1.5));
            } else {
                assertThat(distance).isGreaterThan(picture.ring() + 30);
            }
        }
        assertThat(picture.nodes()).filteredOn(TopologyPicture.Node::leader).extracting(TopologyPicture.Node::address).containsExactly("a");
        assertThat(picture.nodes()).filteredOn(n -> !n.present()).extracting(TopologyPicture.Node::address).containsExactly("c");
    }
}
