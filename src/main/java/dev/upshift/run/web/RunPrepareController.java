package dev.upshift.run.web;

import java.util.List;
import java.util.Locale;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.upshift.cluster.ClusterDetails;
import dev.upshift.cluster.ClusterService;
import dev.upshift.procedure.ConfVariant;
import dev.upshift.procedure.ServerRole;
import dev.upshift.procedure.conf.ConfDiff;
import dev.upshift.procedure.conf.ConfTarget;
import dev.upshift.procedure.conf.ConfValidator;
import dev.upshift.procedure.conf.NeoConf;
import dev.upshift.run.ConfView;
import dev.upshift.run.Preflight;
import dev.upshift.run.RunConfs;
import dev.upshift.run.RunConflictException;
import dev.upshift.run.RunNotFoundException;
import dev.upshift.run.RunQueries;
import dev.upshift.run.RunRequestException;
import dev.upshift.run.RunView;
import dev.upshift.security.Roles;

/**
 * The wizard's steps on a PLANNED run's page: each server's prepared neo4j.conf (fetched and derived by the run
 * service, shown as a diff, editable, validated, accepted) and the pre-flight checks. Validation is the procedure
 * package's own validator (a pure check, nothing stored); accepting and pre-flight go through the run services,
 * which audit them. Fragments only: the run page includes them.
 */
@Controller
@RequestMapping("/runs/{id}")
class RunPrepareController {

    private final RunQueries queries;
    private final RunConfs confs;
    private final Preflight preflight;
    private final ClusterService clusters;
    private final ApprovalPanel approval;

    RunPrepareController(RunQueries queries, RunConfs confs, Preflight preflight, ClusterService clusters,
                         ApprovalPanel approval) {
        this.approval = approval;
        this.queries = queries;
        this.confs = confs;
        this.preflight = preflight;
        this.clusters = clusters;
    }

    /** The wizard's steps on the run page, for the viewer: gone once the run is no longer PLANNED. */
    @GetMapping("/prepare")
    String prepare(@PathVariable Long id, Model model, Authentication viewer) {
        RunView run = queries.get(id);
        model.addAttribute("page", RunPageModel.of(run));
        model.addAttribute("run", run);
        model.addAttribute("servers", servers(run));
        model.addAttribute("acks", AckText.of(run.requiredAcknowledgements()));
        model.addAttribute("canAct", RunPageController.canAct(viewer));
        approval.addTo(model, id, viewer, null);
        return "runs/detail :: run-prepare";
    }

    /** Fetches (first time: over SSH, then derived) and shows one server's prepared conf. */
    @GetMapping("/conf")
    String conf(@PathVariable Long id, @RequestParam String server, @RequestParam(defaultValue = "final") String variant,
                Model model, Authentication viewer) {
        RunView run = queries.get(id);
        try {
            ConfView view = confs.get(id, server);
            model.addAttribute("editor", editor(run, server, view, variant, null, false));
        } catch (RunConflictException | RunRequestException | RunNotFoundException e) {
            model.addAttribute("editor", null);
            model.addAttribute("confError", e.getMessage());
            model.addAttribute("confIndex", index(run, server));
            model.addAttribute("confServer", server);
        }
        model.addAttribute("run", run);
        model.addAttribute("canAct", RunPageController.canAct(viewer));
        return "runs/prepare :: conf-editor";
    }

    /** Checks an edited conf for this server without storing it. */
    @PostMapping("/conf/validate")
    @PreAuthorize(Roles.ADMIN_OR_OPERATOR)
    String validate(@PathVariable Long id, @RequestParam String server, @RequestParam(defaultValue = "final") String variant,
                    @RequestParam(defaultValue = "") String content, Model model) {
        RunView run = queries.get(id);
        ConfView view = confs.get(id, server);
        model.addAttribute("editor", editor(run, server, view, variant, content, true));
        model.addAttribute("run", run);
        model.addAttribute("canAct", true);
        return "runs/prepare :: conf-editor";
    }

    /** Accepts an edited conf: the run service validates it again, stores it and audits it. */
    @PostMapping("/conf")
    @PreAuthorize(Roles.ADMIN_OR_OPERATOR)
    String accept(@PathVariable Long id, @RequestParam String server, @RequestParam(defaultValue = "final") String variant,
                  @RequestParam(defaultValue = "") String content, Model model) {
        RunView run = queries.get(id);
        try {
            ConfView view = confs.put(id, server, variant, content.replace("\r\n", "\n"));
            model.addAttribute("editor", editor(run, server, view, variant, null, false));
            model.addAttribute("confNotice", "Accepted: this is the neo4j.conf the run installs on " + server + ".");
        } catch (RunConflictException | RunRequestException e) {
            model.addAttribute("editor", editor(run, server, confs.get(id, server), variant, content, true));
            model.addAttribute("confError", e.getMessage());
        }
        model.addAttribute("run", run);
        model.addAttribute("canAct", true);
        return "runs/prepare :: conf-editor";
    }

    /** Runs (or re-runs) the pre-flight checks; the results are stored with the run. */
    @PostMapping("/preflight")
    @PreAuthorize(Roles.ADMIN_OR_OPERATOR)
    String preflight(@PathVariable Long id, Model model) {
        try {
            model.addAttribute("run", preflight.run(id));
        } catch (RunConflictException | RunRequestException e) {
            model.addAttribute("run", queries.get(id));
            model.addAttribute("preflightError", e.getMessage());
        }
        model.addAttribute("canAct", true);
        return "runs/prepare :: preflight-results";
    }

    /**
     * The editor's model. {@code edited}: what the person typed (validated against this server's target), else the
     * stored content of the variant.
     */
    private ConfEditor editor(RunView run, String server, ConfView view, String variantName, String edited, boolean check) {
        List<String> names = view.variants().stream().map(ConfView.Variant::variant).toList();
        ConfView.Variant variant = view.variants().stream().filter(v -> v.variant().equalsIgnoreCase(variantName))
                .findFirst().orElse(view.variants().isEmpty() ? null : view.variants().get(0));
        if (variant == null) throw new RunConflictException("No prepared neo4j.conf for " + server + " yet.");
        String content = edited != null ? edited.replace("\r\n", "\n") : variant.content();
        String original = variant.original() == null ? "" : variant.original();
        ConfDiff diff = ConfDiff.between(NeoConf.parse(original), NeoConf.parse(content));
        ServerRole role = role(run, server);
        var problems = !check ? null : ConfValidator.standard().validate(NeoConf.parse(content), ConfTarget.of(
                run.sourceVersion(), run.targetVersion(), role, server, variantOf(variant.variant())));
        return new ConfEditor(run.id(), index(run, server), server, role.isCore() ? "core" : "read replica", variant, names,
                content, diff, problems);
    }

    /** The servers of a run in plan order (the order of their phases). */
    static List<String> servers(RunView run) {
        return run.steps().stream().map(RunView.StepView::server).filter(s -> s != null).distinct().toList();
    }

    private static int index(RunView run, String server) {
        return servers(run).indexOf(server);
    }

    private ServerRole role(RunView run, String server) {
        ClusterDetails cluster = clusters.get(run.clusterId());
        return cluster.servers().stream().filter(s -> s.address().equals(server)).findFirst()
                .map(s -> s.role() == dev.upshift.cluster.ServerRole.READ_REPLICA ? ServerRole.READ_REPLICA : ServerRole.FOLLOWER)
                .orElse(ServerRole.FOLLOWER);
    }

    private static ConfVariant variantOf(String name) {
        for (ConfVariant v : ConfVariant.values()) {
            if (v.fileSuffix().equalsIgnoreCase(name) || v.name().equalsIgnoreCase(name)) return v;
        }
        return ConfVariant.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
