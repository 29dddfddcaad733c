package dev.upshift.webhook;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;

/** A cluster's latest webhook delivery attempts, for its page: what was sent when, and what came back. */
@Service
public class WebhookDeliveries {

    /**
     * @param outcome "HTTP 204", or the error (a refused connection, a timeout, "HTTP 500")
     */
    public record DeliveryView(Long runId, String event, int attempt, boolean succeeded, Integer statusCode,
                               String outcome, Instant at) {
    }

    private final WebhookDeliveryRepository deliveries;
    private final WebhookProperties properties;

    WebhookDeliveries(WebhookDeliveryRepository deliveries, WebhookProperties properties) {
        this.deliveries = deliveries;
        this.properties = properties;
    }

    public List<DeliveryView> recent(Long clusterId) {
        return deliveries.findByClusterIdOrderByIdDesc(clusterId, Limit.of(properties.shown())).stream()
                .map(d -> new DeliveryView(d.getRunId(), d.getEvent(), d.getAttempt(), d.isSucceeded(), d.getStatusCode(),
                        d.getError() != null ? d.getError() : "HTTP " + d.getStatusCode(), d.getAt()))
                .toList();
    }
}
