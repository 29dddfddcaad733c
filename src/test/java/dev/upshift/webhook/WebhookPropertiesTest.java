package dev.upshift.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WebhookPropertiesTest {

    static WebhookProperties props(int attempts, Duration base, Duration max) {
        return new WebhookProperties(attempts, base, max, Duration.ofSeconds(3), Duration.ofSeconds(5), 10);
    }

    @Test
    @DisplayName("back-off: none before the first attempt, then base, doubling each time")
    void doubles() {
        WebhookProperties p = props(6, Duration.ofSeconds(2), Duration.ofMinutes(5));
        assertThat(IntStream.rangeClosed(1, 6).mapToObj(p::delayBefore)).containsExactly(Duration.ZERO,
                Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16),
                Duration.ofSeconds(32));
    }

    @Test
    @DisplayName("back-off: capped at max-delay, also for absurd attempt numbers")
    void capped() {
        WebhookProperties p = props(100, Duration.ofSeconds(2), Duration.ofSeconds(10));
        assertThat(p.delayBefore(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(p.delayBefore(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.delayBefore(99)).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.delayBefore(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("at least one attempt")
    void attempts() {
        assertThatThrownBy(() -> props(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attempts");
    }
}
