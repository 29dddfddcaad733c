package dev.upshift.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events fan-out by topic (e.g. {@code cluster:7}, {@code run:12}). A message is rendered once and
 * written to every subscriber; subscribers that completed, timed out or failed are pruned at once, and a heartbeat
 * comment keeps idle streams open through proxies and detects dead ones.
 */
@Component
public class SseHub {

    private static final Logger log = LoggerFactory.getLogger(SseHub.class);

    private final Map<String, Set<SseEmitter>> topics = new ConcurrentHashMap<>();
    private volatile boolean closing;

    /**
     * @param onConnect sends the current state to the new subscriber at once (before any later push)
     */
    public SseEmitter subscribe(String topic, Duration timeout, Consumer<SseEmitter> onConnect) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        Set<SseEmitter> subscribers = topics.computeIfAbsent(topic, t -> new CopyOnWriteArraySet<>());
        Runnable remove = () -> unsubscribe(topic, emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        subscribers.add(emitter);
        if (closing) {   // the panel is stopping (checked after joining, so closeAll cannot miss it): reconnect later
            remove.run();
            emitter.complete();
            return emitter;
        }
        try {
            onConnect.accept(emitter);
        } catch (RuntimeException e) {
            remove.run();
            emitter.completeWithError(e);
        }
        return emitter;
    }

    /** Sends one named event whose data is an HTML fragment (or any text); multi-line data stays one event. */
    public void publish(String topic, String eventName, String data) {
        Set<SseEmitter> subscribers = topics.get(topic);
        if (subscribers == null) {
            return;
        }
        for (SseEmitter emitter : subscribers) {
            try {
                send(emitter, eventName, data);
            } catch (IOException | IllegalStateException e) {
                unsubscribe(topic, emitter);
            }
        }
    }

    /** Writes one event; each line of {@code data} becomes its own {@code data:} line, as the SSE format requires. */
    public static void send(SseEmitter emitter, String eventName, String data) throws IOException {
        SseEmitter.SseEventBuilder event = SseEmitter.event().name(eventName);
        for (String line : data.split("\r?\n", -1)) {
            event.data(line);
        }
        emitter.send(event);
    }

    public int subscribers(String topic) {
        Set<SseEmitter> subscribers = topics.get(topic);
        return subscribers == null ? 0 : subscribers.size();
    }

    @Scheduled(fixedDelayString = "${upshift.monitor.heartbeat:15s}")
    void heartbeat() {
        topics.forEach((topic, subscribers) -> {
            for (SseEmitter emitter : subscribers) {
                try {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                } catch (IOException | IllegalStateException e) {
                    unsubscribe(topic, emitter);
                }
            }
        });
    }

    /**
     * Ends every stream when the panel stops (before the web server's graceful shutdown, which would otherwise wait
     * its whole timeout for these never-ending requests); browsers reconnect on their own once the panel is back.
     */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        closing = true;
        int closed = 0;
        for (String topic : Set.copyOf(topics.keySet())) {
            Set<SseEmitter> subscribers = topics.remove(topic);
            if (subscribers == null) continue;
            for (SseEmitter emitter : subscribers) {
                emitter.complete();
                closed++;
            }
        }
        if (closed > 0) log.info("Closed {} live update streams for the shutdown", closed);
    }

    private void unsubscribe(String topic, SseEmitter emitter) {
        Set<SseEmitter> subscribers = topics.get(topic);
        if (subscribers != null && subscribers.remove(emitter)) {
            log.debug("SSE subscriber left {} ({} remain)", topic, subscribers.size());
        }
    }
}
