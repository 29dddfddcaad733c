package dev.upshift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

class MembershipPollerTest {

    private final FakeBolt bolt = new FakeBolt()
            .member("10.0.0.1", "LEADER", "3.4.5")
            .member("10.0.0.2", "FOLLOWER", "3.4.5")
            .member("10.0.0.3", "FOLLOWER", "3.4.5")
            .member("10.0.0.4", "READ_REPLICA", "3.4.5");
    private final MonitorProperties properties = new MonitorProperties(Duration.ofSeconds(2), Duration.ofSeconds(1),
            Duration.ofSeconds(30), Duration.ofSeconds(15));
    private final MembershipPoller poller = new MembershipPoller(bolt,
            Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC), properties);
    private final MonitoredCluster cluster = new MonitoredCluster(1L,
            List.of(FakeBolt.endpoint("10.0.0.1"), FakeBolt.endpoint("10.0.0.2"), FakeBolt.endpoint("10.0.0.3"), FakeBolt.endpoint("10.0.0.4")),
            List.of(new MonitoredCluster.ExpectedServer("10.0.0.1", "FOLLOWER"), new MonitoredCluster.ExpectedServer("10.0.0.2", "FOLLOWER"),
                    new MonitoredCluster.ExpectedServer("10.0.0.3", "FOLLOWER"), new MonitoredCluster.ExpectedServer("10.0.0.4", "READ_REPLICA")));

    @Test
    void firstPollReadsEveryMembersVersionThenASteadyClusterCostsOneQuery() {
        MembershipSnapshot first = poller.poll(cluster, MembershipSnapshot.unknown(1L));
        assertThat(first.reachable()).isTrue();
        assertThat(first.members()).extracting(MemberState::version).containsOnly("3.4.5");
        assertThat(first.leaderCount()).isEqualTo(1);
        bolt.calls.clear();

        poller.poll(cluster, first);
        assertThat(bolt.calls).containsExactly("overview@10.0.0.1");
    }

    @Test
    void fallsBackToAnotherMemberWhenTheOneInUseGoesAway() {
        MembershipSnapshot first = poller.poll(cluster, MembershipSnapshot.unknown(1L));
        bolt.down.add("10.0.0.1");
        bolt.roles.put("10.0.0.2", "LEADER");

        MembershipSnapshot second = poller.poll(cluster, first);

        assertThat(second.reachable()).isTrue();
        assertThat(second.via()).isEqualTo("bolt://10.0.0.2:7687");
        assertThat(second.member("10.0.0.1")).get().extracting(MemberState::present).isEqualTo(false);
        assertThat(second.leader()).get().extracting(MemberState::address).isEqualTo("10.0.0.2");
        assertThat(MembershipDiff.between(first, second, second.polledAt()))
                .extracting(MembershipChange::getKind)
                .containsExactlyInAnyOrder(MembershipChangeKind.ROLE_CHANGED, MembershipChangeKind.MEMBER_LEFT, MembershipChangeKind.LEADER_CHANGED);
    }

    @Test
    void anUnreachableClusterKeepsItsLastKnownMembersAndSaysWhy() {
        MembershipSnapshot first = poller.poll(cluster, MembershipSnapshot.unknown(1L));
        bolt.down.addAll(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"));

        MembershipSnapshot second = poller.poll(cluster, first);

        assertThat(second.reachable()).isFalse();
        assertThat(second.members()).hasSize(4).allMatch(m -> !m.present());
        assertThat(second.problem()).contains("10.0.0.1").contains("unreachable");
        assertThat(MembershipDiff.between(first, second, second.polledAt()))
                .extracting(MembershipChange::getKind).containsExactly(MembershipChangeKind.CLUSTER_UNREACHABLE);
    }

    @Test
    void aRejoinedMemberIsAskedForItsNewVersion() {
        MembershipSnapshot first = poller.poll(cluster, MembershipSnapshot.unknown(1L));
        bolt.down.add("10.0.0.3");
        MembershipSnapshot away = poller.poll(cluster, first);
        bolt.down.remove("10.0.0.3");
        bolt.versions.put("10.0.0.3", "3.4.6");

        MembershipSnapshot back = poller.poll(cluster, away);

        assertThat(back.member("10.0.0.3")).get().extracting(MemberState::version, MemberState::present)
                .containsExactly("3.4.6", true);
        assertThat(MembershipDiff.between(away, back, back.polledAt()))
                .extracting(MembershipChange::describe).containsExactly("10.0.0.3 joined as FOLLOWER");
    }

    @Test
    void aReadReplicaBackUnderANewIdKeepsItsLastVersionUntilItAnswersThenChangesVersion() {
        MembershipSnapshot first = poller.poll(cluster, MembershipSnapshot.unknown(1L));
        bolt.down.add("10.0.0.4");
        MembershipSnapshot away = poller.poll(cluster, first);
        bolt.down.remove("10.0.0.4");
        bolt.ids.put("10.0.0.4", "id-new-read-replica");   // a read replica gets a new member id on every start
        bolt.listedWithoutBolt.add("10.0.0.4");
        bolt.versions.put("10.0.0.4", "3.4.6");

        MembershipSnapshot back = poller.poll(cluster, away);
        assertThat(back.member("10.0.0.4")).get().extracting(MemberState::version, MemberState::present)
                .containsExactly("3.4.5", true);
        bolt.listedWithoutBolt.remove("10.0.0.4");
        MembershipSnapshot answered = poller.poll(cluster, back);

        assertThat(MembershipDiff.between(back, answered, answered.polledAt())).extracting(MembershipChange::describe)
                .as("a change, so the page hears of it").containsExactly("10.0.0.4 now runs 3.4.6 (was 3.4.5)");
    }

    @Test
    void duringARunAMemberRestartedBetweenPollsShowsItsNewVersionWithinSeconds() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
        MembershipPoller poller = new MembershipPoller(bolt, clock, properties);
        MembershipSnapshot first = poller.poll(cluster, MembershipSnapshot.unknown(1L), true);
        bolt.versions.put("10.0.0.2", "3.4.6"); // restarted on 3.4.6 without ever missing a poll
        clock.now = clock.now.plusSeconds(6);

        assertThat(poller.poll(cluster, first, false).member("10.0.0.2")).get()
                .extracting(MemberState::version).as("no run: the 30 s refresh is not due").isEqualTo("3.4.5");
        assertThat(poller.poll(cluster, first, true).member("10.0.0.2")).get()
                .extracting(MemberState::version).as("during a run: refreshed after 5 s").isEqualTo("3.4.6");
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
