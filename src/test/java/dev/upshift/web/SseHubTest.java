package dev.upshift.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

class SseHubTest {

    @Test
    void aShutdownEndsEveryStream() {
        SseHub hub = new SseHub();
        SseEmitter a = hub.subscribe("cluster:1", Duration.ofMinutes(5), e -> { });
        SseEmitter b = hub.subscribe("run:2", Duration.ofMinutes(5), e -> { });
        assertThat(hub.subscribers("cluster:1") + hub.subscribers("run:2")).isEqualTo(2);

        hub.closeAll();

        assertThat(hub.subscribers("cluster:1") + hub.subscribers("run:2")).isZero();
        SseEmitter late = hub.subscribe("cluster:1", Duration.ofMinutes(5), e -> { });
        assertThat(hub.subscribers("cluster:1")).as("a subscriber arriving during the shutdown").isZero();
        for (SseEmitter ended : new SseEmitter[] {a, b, late}) {
            assertThatThrownBy(() -> SseHub.send(ended, "x", "y")).isInstanceOf(IllegalStateException.class);
        }
    }
}
