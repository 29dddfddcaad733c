package dev.upshift.run;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.util.HtmlUtils;

import dev.upshift.web.SseHub;

/**
 * Pushes run events to the browsers watching {@code run:{id}}: {@code run} with the run's status, {@code step} with
 * the id of the step that changed (the page re-fetches that step's row fragment), {@code output} with one output
 * line, HTML-escaped so that a swap can never inject markup from a server's output. Events are sent after commit,
 * so a browser never sees a state the database does not have.
 */
@Component
class RunEventsToSse {

    private final SseHub hub;

    RunEventsToSse(SseHub hub) {
        this.hub = hub;
    }

    static String topic(Long runId) {
        return "run:" + runId;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(RunChanged e) {
        hub.publish(topic(e.runId()), "run", e.status().name());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(RunStepChanged e) {
        hub.publish(topic(e.runId()), "step", String.valueOf(e.stepId()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(StepOutputAppended e) {
        hub.publish(topic(e.runId()), "output", HtmlUtils.htmlEscape(e.text()));
    }
}
