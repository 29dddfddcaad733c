package dev.upshift.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery ({@code upshift.webhooks.*}).
 *
 * @param attempts       how many times one event is sent at most (the first try included)
 * @param baseDelay      the wait before the second attempt; each later wait doubles it
 * @param maxDelay       the longest wait between two attempts
 * @param connectTimeout how long to wait for the receiver's connection
 * @param requestTimeout how long one attempt may take in all (an answer after that counts as a failure)
 * @param shown          how many of a cluster's latest deliveries its page shows
 */
@ConfigurationProperties("upshift.webhooks")
public record WebhookProperties(
        @DefaultValue("5") int attempts,
        @DefaultValue("2s") Duration baseDelay,
        @DefaultValue("5m") Duration maxDelay,
        @DefaultValue("3s") Duration connectTimeout,
        @DefaultValue("5s") Duration requestTimeout,
        @DefaultValue("10") int shown) {

    public WebhookProperties {
        if (attempts < 1) throw new IllegalArgumentException("upshift.webhooks.attempts must be at least 1");
    }

    /** The wait before attempt {@code attempt} (1-based): none before the first, then base, 2·base, 4·base… up to max. */
    public Duration delayBefore(int attempt) {
        if (attempt <= 1) return Duration.ZERO;
        int doublings = Math.min(attempt - 2, 30);   // 2^30 · base is past any sensible max
        Duration delay = baseDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
