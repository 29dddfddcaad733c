package dev.upshift.webhook;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.upshift.run.RunMilestone;

/**
 * What a receiver gets: which event, which run on which cluster, its status, the step concerned. Built only from a
 * {@link RunMilestone}, which carries no secret, no conf contents and no command output.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WebhookPayload(String event, Long runId, Long clusterId, String clusterName, String status, Step step, Instant at) {

    record Step(String key, String server, String status) {
    }

    static WebhookPayload of(RunMilestone m) {
        Step step = m.step() == null ? null : new Step(m.step().key(), m.step().server(), m.step().status().name());
        return new WebhookPayload(m.kind().eventName(), m.runId(), m.clusterId(), m.clusterName(), m.status().name(),
                step, m.at());
    }
}
