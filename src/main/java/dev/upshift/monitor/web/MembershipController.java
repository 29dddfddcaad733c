package dev.upshift.monitor.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.upshift.cluster.ClusterService;
import dev.upshift.monitor.ClusterMonitor;
import dev.upshift.monitor.MembershipChanged;
import dev.upshift.monitor.MembershipSnapshot;
import dev.upshift.web.SseHub;

/** Live membership: the SSE stream per cluster, the fragment for a plain refresh, and the JSON view. */
@Controller
class MembershipController {

    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final ClusterService clusters;
    private final ClusterMonitor monitor;
    private final MembershipRenderer renderer;
    private final SseHub hub;

    MembershipController(ClusterService clusters, ClusterMonitor monitor, MembershipRenderer renderer, SseHub hub) {
        this.clusters = clusters;
        this.monitor = monitor;
        this.renderer = renderer;
        this.hub = hub;
    }

    /** On connect the current state at once, then one push per change (the browser reconnects by itself). */
    @GetMapping(path = "/clusters/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter events(@PathVariable Long id) {
        clusters.get(id);
        return hub.subscribe(topic(id), STREAM_TIMEOUT, emitter -> {
            try {
                SseHub.send(emitter, "membership", renderer.render(id));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @GetMapping("/clusters/{id}/membership")
    String fragment(@PathVariable Long id, Model model) {
        clusters.get(id);
        renderer.addTo(model, id);
        return MembershipRenderer.TEMPLATE + " :: " + MembershipRenderer.FRAGMENT;
    }

    @GetMapping(path = "/api/clusters/{id}/members", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    MembershipSnapshot members(@PathVariable Long id) {
        clusters.get(id);
        return monitor.current(id);
    }

    @EventListener
    void onChange(MembershipChanged event) {
        Long id = event.snapshot().clusterId();
        if (hub.subscribers(topic(id)) > 0) {
            hub.publish(topic(id), "membership", renderer.render(id));
        }
    }

    static String topic(Long clusterId) {
        return "cluster:" + clusterId;
    }
}
