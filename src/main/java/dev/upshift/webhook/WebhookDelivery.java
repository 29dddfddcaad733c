package dev.upshift.webhook;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One attempt to deliver one event to a cluster's webhook, and how it went. */
@Entity
@Table(name = "webhook_delivery")
class WebhookDelivery {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "cluster_id")
    private Long clusterId;

    @Column(name = "run_id")
    private Long runId;

    private String event;
    private int attempt;

    @Column(name = "status_code")
    private Integer statusCode;

    private String error;
    private boolean succeeded;
    private Instant at;

    protected WebhookDelivery() {
    }

    WebhookDelivery(Long clusterId, Long runId, String event, int attempt, Integer statusCode, String error,
                    boolean succeeded, Instant at) {
        this.clusterId = clusterId;
        this.runId = runId;
        this.event = event;
        this.attempt = attempt;
        this.statusCode = statusCode;
        this.error = error == null || error.length() <= 500 ? error : error.substring(0, 497) + "...";
        this.succeeded = succeeded;
        this.at = at;
    }

    Long getClusterId() { return clusterId; }
    Long getRunId() { return runId; }
    String getEvent() { return event; }
    int getAttempt() { return attempt; }
    Integer getStatusCode() { return statusCode; }
    String getError() { return error; }
    boolean isSucceeded() { return succeeded; }
    Instant getAt() { return at; }
}
