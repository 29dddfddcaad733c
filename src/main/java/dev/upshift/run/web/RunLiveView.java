package dev.upshift.run.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import dev.upshift.run.OutputLineView;
import dev.upshift.run.RunChanged;
import dev.upshift.run.RunQueries;
import dev.upshift.run.RunStepChanged;
import dev.upshift.run.StepOutputAppended;
import dev.upshift.run.StepStatus;
import dev.upshift.web.SseHub;

/**
 * The live run page's push side. It renders the very fragments the page is built from ({@code runs/fragments}) once
 * per change and fans them out on the run's topic: {@code step-{id}} (that step's card), {@code phase-{n}} (its
 * phase's header), {@code run-summary} (status and progress), {@code run-status} (the page re-asks for the
 * viewer's run actions), {@code console-step} (the step the live output comes from) and {@code output-line} (one
 * line, escaped by {@code th:text}). Rendering happens outside a
 * request, so these fragments hold no {@code @{...}} links and no per-viewer content: actions are fetched by each
 * browser with its own role.
 */
@Component
class RunLiveView {

    private static final Logger log = LoggerFactory.getLogger(RunLiveView.class);
    static final String TEMPLATE = "runs/fragments";
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final RunQueries queries;
    private final SseHub hub;
    private final ITemplateEngine templates;

    RunLiveView(RunQueries queries, SseHub hub, ITemplateEngine templates) {
        this.queries = queries;
        this.hub = hub;
        this.templates = templates;
    }

    /** Same topic as the run package's own events; the page listens only to the names above. */
    static String topic(Long runId) {
        return "run:" + runId;
    }

    /** On (re)connect the summary and every step card at once: whatever changed while the stream was down is redrawn. */
    SseEmitter subscribe(Long runId) {
        RunPageModel first = RunPageModel.of(queries.get(runId));
        return hub.subscribe(topic(runId), STREAM_TIMEOUT, emitter -> {
            try {
                SseHub.send(emitter, "run-summary", render("run-summary", Map.of("page", first)));
                for (RunPageModel.PhaseView phase : first.phases()) {
                    for (RunPageModel.StepCard card : phase.steps()) {
                        if (card.step().startedAt() != null || card.current()) {
                            SseHub.send(emitter, "step-" + card.step().id(), render("step-card", Map.of("card", card)));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(RunStepChanged e) {
        if (!watched(e.runId())) return;
        push(e.runId(), page -> {
            RunPageModel.PhaseView phase = page.phaseOf(e.stepId());
            hub.publish(topic(e.runId()), "step-" + e.stepId(), render("step-card", Map.of("card", page.card(e.stepId()))));
            hub.publish(topic(e.runId()), "phase-" + phase.index(), render("phase-head", Map.of("phase", phase)));
            // The step the run stands on moves with this change: redraw it too so its highlight and actions follow.
            if (page.currentStepId() != null && !page.currentStepId().equals(e.stepId())) {
                hub.publish(topic(e.runId()), "step-" + page.currentStepId(),
                        render("step-card", Map.of("card", page.card(page.currentStepId()))));
            }
            hub.publish(topic(e.runId()), "run-summary", render("run-summary", Map.of("page", page)));
            if (e.status() == StepStatus.RUNNING) {
                // the live console's lines now come from this step: its label says so
                hub.publish(topic(e.runId()), "console-step", render("console-step",
                        Map.of("consoleStep", page.card(e.stepId()).step(), "live", true)));
            }
        });
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(RunChanged e) {
        if (!watched(e.runId())) return;
        push(e.runId(), page -> {
            hub.publish(topic(e.runId()), "run-summary", render("run-summary", Map.of("page", page)));
            hub.publish(topic(e.runId()), "run-status", e.status().name());
            if (page.currentStepId() != null) {
                hub.publish(topic(e.runId()), "step-" + page.currentStepId(),
                        render("step-card", Map.of("card", page.card(page.currentStepId()))));
            }
        });
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(StepOutputAppended e) {
        if (!watched(e.runId())) return;
        OutputLineView line = new OutputLineView(e.seq(), e.at(), e.stream(), e.text());
        hub.publish(topic(e.runId()), "output-line", render("output-line", Map.of("line", line)));
    }

    String render(String fragment, Map<String, Object> model) {
        return templates.process(TEMPLATE, Set.of(fragment), new Context(Locale.ROOT, new HashMap<>(model)));
    }

    private boolean watched(Long runId) {
        return hub.subscribers(topic(runId)) > 0;
    }

    private void push(Long runId, java.util.function.Consumer<RunPageModel> work) {
        try {
            RunPageModel page = asReader(() -> RunPageModel.of(queries.get(runId)));
            work.accept(page);
        } catch (RuntimeException ex) {
            // A failed push must never fail the engine's transition that announced it; the next change redraws.
            log.warn("Could not push run {} to its live page: {}", runId, ex.toString());
        }
    }

    /**
     * Reads the run as a read-only viewer: the event may come from a thread without a signed-in user (recovery at
     * start-up, a worker), and every subscriber was authorised when it connected.
     */
    private static <T> T asReader(Supplier<T> read) {
        SecurityContext before = SecurityContextHolder.getContext();
        SecurityContext reader = SecurityContextHolder.createEmptyContext();
        reader.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("live-run-page", null,
                List.of(new SimpleGrantedAuthority("ROLE_AUDITOR"))));
        SecurityContextHolder.setContext(reader);
        try {
            return read.get();
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }
}
