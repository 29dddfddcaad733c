package dev.upshift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;

class ClusterMonitorTest {

    @Test
    void aPollThatThrowsIsShownAsTheClustersStateWithTheReason() {
        MonitoredCluster cluster = new MonitoredCluster(7L, List.of(), List.of());
        MembershipPoller poller = mock(MembershipPoller.class);
        when(poller.poll(any(), any(), anyBoolean())).thenThrow(new IllegalStateException("no Bolt access for cluster 7"));
        ClusterMonitor monitor = new ClusterMonitor(() -> List.of(cluster), poller, mock(MembershipChangeRepository.class),
                mock(ApplicationEventPublisher.class), new MonitorProperties(Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(15)), Clock.systemUTC());
        try {
            assertThat(monitor.current(7L).isKnown()).isFalse();
            monitor.tick();
            MembershipSnapshot s = await().atMost(Duration.ofSeconds(5)).until(() -> monitor.current(7L), MembershipSnapshot::isKnown);
            assertThat(s.reachable()).isFalse();
            assertThat(s.problem()).isEqualTo("polling failed: no Bolt access for cluster 7");
        } finally {
            monitor.stop();
        }
    }
}
