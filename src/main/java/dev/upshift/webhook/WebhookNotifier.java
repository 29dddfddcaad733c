package dev.upshift.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.upshift.cluster.ClusterDetails;
import dev.upshift.cluster.ClusterService;
import dev.upshift.run.RunMilestone;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells a cluster's webhook about its runs: started, step failed, interrupted, finished. Only after the transition
 * committed, and never on the transition's thread: the event is handed to a small scheduler, so a slow or dead
 * receiver cannot hold up or fail a run. A failed attempt (no answer in time, or not 2xx) is retried with
 * exponential back-off ({@link WebhookProperties#delayBefore}); every attempt is stored with its outcome
 * ({@link WebhookDeliveries}).
 */
@Component
class WebhookNotifier {

    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);

    private final ClusterService clusters;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledThreadPoolExecutor scheduler;

    WebhookNotifier(ClusterService clusters, WebhookDeliveryRepository deliveries, WebhookProperties properties,
                    JsonMapper json, Clock clock) {
        this.clusters = clusters;
        this.deliveries = deliveries;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.scheduler = new ScheduledThreadPoolExecutor(2, new CustomizableThreadFactory("webhook-"));
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(RunMilestone milestone) {
        scheduler.execute(() -> start(milestone));
    }

    /** One event to one URL; the URL is read once, so every attempt of one event goes to the same receiver. */
    private record Delivery(Long clusterId, Long runId, String event, URI url, byte[] body) {
    }

    private void start(RunMilestone milestone) {
        try {
            String url = clusters.find(milestone.clusterId()).map(ClusterDetails::webhookUrl).orElse(null);
            if (url == null) return;
            WebhookPayload payload = WebhookPayload.of(milestone);
            attempt(new Delivery(milestone.clusterId(), milestone.runId(), payload.event(), URI.create(url),
                    json.writeValueAsBytes(payload)), 1);
        } catch (RuntimeException e) {
            log.error("Webhook for run {} ({}) was not sent", milestone.runId(), milestone.kind(), e);
        }
    }

    private void attempt(Delivery d, int attempt) {
        Integer status = null;
        String error;
        try {
            HttpRequest request = HttpRequest.newBuilder(d.url()).timeout(properties.requestTimeout())
                    .header("Content-Type", "application/json").header("User-Agent", "Upshift-webhook")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(d.body())).build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            error = status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (HttpTimeoutException e) {
            error = "no answer within " + properties.requestTimeout().toMillis() + " ms";
        } catch (ConnectException e) {
            error = "connection failed" + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        record(d, attempt, status, error);
        if (error != null && attempt < properties.attempts()) {
            long wait = properties.delayBefore(attempt + 1).toMillis();
            scheduler.schedule(() -> attempt(d, attempt + 1), wait, TimeUnit.MILLISECONDS);
        } else if (error != null) {
            log.warn("Webhook {} for run {} failed after {} attempts: {}", d.event(), d.runId(), attempt, error);
        }
    }

    private void record(Delivery d, int attempt, Integer status, String error) {
        try {
            deliveries.save(new WebhookDelivery(d.clusterId(), d.runId(), d.event(), attempt, status, error,
                    error == null, clock.instant()));
        } catch (RuntimeException e) {
            log.error("Could not record webhook attempt {} of {} for run {}", attempt, d.event(), d.runId(), e);
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
