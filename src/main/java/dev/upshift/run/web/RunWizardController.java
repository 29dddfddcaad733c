package dev.upshift.run.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import dev.upshift.cluster.ClusterDetails;
import dev.upshift.cluster.ClusterService;
import dev.upshift.procedure.InstallDetails;
import dev.upshift.procedure.PlanRefusedException;
import dev.upshift.run.CreateRunCommand;
import dev.upshift.run.RunConflictException;
import dev.upshift.run.RunPlanning;
import dev.upshift.run.RunRequestException;
import dev.upshift.run.RunView;
import dev.upshift.security.Roles;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxLocationRedirectView;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

/**
 * The new-run wizard: cluster → target version → method (the ineligible ones greyed with the manual's reason) →
 * mode → where the new version is on each server → create. Choosing a cluster or a version swaps the
 * {@code wizard-options} fragment (methods and install details); creating goes to the run page, where conf, pre-flight,
 * the plan review and the start follow.
 */
@Controller
@RequestMapping("/runs/new")
@PreAuthorize(Roles.ADMIN_OR_OPERATOR)
class RunWizardController {

    private final ClusterService clusters;
    private final RunPlanning planning;

    RunWizardController(ClusterService clusters, RunPlanning planning) {
        this.clusters = clusters;
        this.planning = planning;
    }

    @GetMapping
    String page(@ModelAttribute("runForm") NewRunFormData form, Model model) {
        model.addAttribute("clusters", clusters.list());
        if (form.getClusterId() != null) options(form, model, true);
        return "runs/new";
    }

    /** A cluster or version was chosen: the methods it allows and fresh install defaults for its servers. */
    @GetMapping("/options")
    @HxRequest
    String optionsFragment(@ModelAttribute("runForm") NewRunFormData form, Model model) {
        model.addAttribute("optionsSwap", true);
        if (form.getClusterId() != null) options(form, model, true);
        return "runs/new :: wizard-options";
    }

    @PostMapping
    String create(@Valid @ModelAttribute("runForm") NewRunFormData form, BindingResult result, Model model) {
        RunView run = tryCreate(form, result);
        if (run == null) {
            model.addAttribute("clusters", clusters.list());
            if (form.getClusterId() != null) options(form, model, false);
            return "runs/new";
        }
        return "redirect:/runs/" + run.id();
    }

    @PostMapping
    @HxRequest
    ModelAndView createFragment(@Valid @ModelAttribute("runForm") NewRunFormData form, BindingResult result, Model model) {
        RunView run = tryCreate(form, result);
        if (run == null) {
            model.addAttribute("clusters", clusters.list());
            if (form.getClusterId() != null) options(form, model, false);
            return new ModelAndView("runs/new :: run-form");
        }
        // The run page's <main> replaces the wizard's in place (HX-Location): no reload, and the URL becomes the run's.
        HtmxLocationRedirectView next = new HtmxLocationRedirectView("/runs/" + run.id());
        next.setTarget("main");
        next.setSelect("main");
        next.setSwap("outerHTML");
        return new ModelAndView(next);
    }

    private RunView tryCreate(NewRunFormData form, BindingResult result) {
        boolean replaceable = "rolling-replaceable".equals(form.getMethod());
        Map<String, String> replacements = new LinkedHashMap<>();
        if (replaceable) {
            for (NewRunFormData.ServerInstall s : form.getServers()) {
                if (!s.isSpare() && !blank(s.getReplacement())) replacements.put(s.getAddress(), s.getReplacement().trim());
            }
        }
        for (int i = 0; i < form.getServers().size(); i++) {
            NewRunFormData.ServerInstall s = form.getServers().get(i);
            // a spare's install details matter only when it replaces a member
            if (!s.isTarball() || (s.isSpare() && !replacements.containsValue(s.getAddress()))) continue;
            if (blank(s.getArchive())) {
                result.rejectValue("servers[" + i + "].archive", "required", "Where is the new version's tarball on " + s.getAddress() + "?");
            }
            if (blank(s.getNewHome())) {
                result.rejectValue("servers[" + i + "].newHome", "required", "Where should it be unpacked on " + s.getAddress() + "?");
            }
        }
        if (result.hasErrors()) return null;
        Map<String, InstallDetails> install = new LinkedHashMap<>();
        for (NewRunFormData.ServerInstall s : form.getServers()) {
            if (s.isSpare() && !replacements.containsValue(s.getAddress())) continue;
            if (s.isTarball()) install.put(s.getAddress(), InstallDetails.tarball(s.getArchive().trim(), s.getNewHome().trim()));
        }
        String seed = "offline".equals(form.getMethod()) && !blank(form.getSeed()) ? form.getSeed().trim() : null;
        try {
            return planning.create(new CreateRunCommand(form.getClusterId(), form.getTargetVersion().trim(), form.getMethod(),
                    form.getMode(), install, blank(form.getBackupDir()) ? null : form.getBackupDir().trim(), seed, replacements));
        } catch (PlanRefusedException e) {
            result.rejectValue("method", "refused", e.getMessage());
        } catch (RunRequestException | RunConflictException e) {
            result.reject("create", e.getMessage());
        }
        return null;
    }

    /**
     * Puts the cluster, its upgrade options and (when {@code resetServers}) the default install details in the model.
     * Reading the options asks the cluster for its version; a cluster that cannot answer is said so, not hidden.
     */
    private void options(NewRunFormData form, Model model, boolean resetServers) {
        ClusterDetails cluster = clusters.get(form.getClusterId());
        model.addAttribute("cluster", cluster);
        if (resetServers || form.getServers().isEmpty()) form.setServers(defaults(cluster, form.getTargetVersion()));
        if (blank(form.getTargetVersion()) || !form.getTargetVersion().trim().matches("\\d+\\.\\d+\\.\\d+")) return;
        try {
            RunPlanning.UpgradeOptions options = planning.options(cluster.id(), form.getTargetVersion().trim());
            model.addAttribute("options", options);
            if (form.getMethod() != null && options.methods().stream()
                    .noneMatch(e -> e.allowed() && e.method().apiName().equals(form.getMethod()))) {
                form.setMethod(null);
            }
            if (form.getMethod() == null) {
                options.methods().stream().filter(e -> e.allowed()).findFirst()
                        .ifPresent(e -> form.setMethod(e.method().apiName()));
            }
        } catch (RunRequestException | RunConflictException e) {
            model.addAttribute("optionsError", e.getMessage());
        }
    }

    /**
     * The same defaults the run service applies: the tarball and its unpacked home beside the current NEO4J_HOME.
     * Spares come after the members: they matter only as replacements (rolling on replaceable resources).
     */
    static List<NewRunFormData.ServerInstall> defaults(ClusterDetails cluster, String target) {
        String version = blank(target) ? "<version>" : target.trim();
        return java.util.stream.Stream.concat(cluster.members().stream(), cluster.spares().stream()).map(s -> {
            NewRunFormData.ServerInstall i = new NewRunFormData.ServerInstall();
            i.setAddress(s.address());
            i.setRole(s.role().name());
            i.setInstallType(s.installType());
            i.setNeo4jHome(s.neo4jHome());
            i.setSpare(s.spare());
            if (i.isTarball()) {
                String parent = parent(s.neo4jHome());
                i.setArchive(parent + "/neo4j-enterprise-" + version + "-unix.tar.gz");
                i.setNewHome(parent + "/neo4j-enterprise-" + version);
            }
            return i;
        }).collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    }

    private static String parent(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        int slash = p.lastIndexOf('/');
        return slash <= 0 ? "" : p.substring(0, slash);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
