package dev.upshift.monitor.web;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import dev.upshift.monitor.ClusterMonitor;
import dev.upshift.monitor.MembershipChangeRepository;
import dev.upshift.monitor.MembershipSnapshot;

/**
 * The one markup source of the live membership panel: the cluster page includes the fragment, and the SSE push
 * renders the very same fragment once per change for every subscriber.
 */
@Component
public class MembershipRenderer {

    static final String TEMPLATE = "clusters/membership";
    static final String FRAGMENT = "membership-panel";

    private final ClusterMonitor monitor;
    private final MembershipChangeRepository changes;
    private final ITemplateEngine templates;

    MembershipRenderer(ClusterMonitor monitor, MembershipChangeRepository changes, ITemplateEngine templates) {
        this.monitor = monitor;
        this.changes = changes;
        this.templates = templates;
    }

    public Map<String, Object> model(Long clusterId) {
        MembershipSnapshot snapshot = monitor.current(clusterId);
        return Map.of(
                "clusterId", clusterId,
                "snapshot", snapshot,
                "picture", TopologyPicture.of(snapshot),
                "changes", changes.findByClusterIdOrderByIdDesc(clusterId, Limit.of(15)),
                "pollSeconds", monitor.interval(clusterId).toMillis() / 1000.0);
    }

    public void addTo(Model model, Long clusterId) {
        model.addAllAttributes(model(clusterId));
    }

    public String render(Long clusterId) {
        return templates.process(TEMPLATE, Set.of(FRAGMENT), new Context(Locale.ROOT, model(clusterId)));
    }
}
