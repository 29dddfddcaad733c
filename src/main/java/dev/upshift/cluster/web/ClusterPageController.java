package dev.upshift.cluster.web;

import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.upshift.cluster.ClusterDetails;
import dev.upshift.cluster.ClusterDiscovery;
import dev.upshift.cluster.ClusterService;
import dev.upshift.cluster.ClusterValidationException;
import dev.upshift.monitor.web.MembershipRenderer;
import dev.upshift.remote.SshGateway;
import dev.upshift.webhook.WebhookDeliveries;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;

/** Pages of the cluster registry: list, detail, and the create/edit form with discovery and host-key first contact. */
@Controller
@RequestMapping("/clusters")
class ClusterPageController {

    private final ClusterService clusters;
    private final ClusterDiscovery discovery;
    private final SshGateway ssh;
    private final MembershipRenderer membership;
    private final WebhookDeliveries deliveries;

    ClusterPageController(ClusterService clusters, ClusterDiscovery discovery, SshGateway ssh, MembershipRenderer membership,
                          WebhookDeliveries deliveries) {
        this.deliveries = deliveries;
        this.clusters = clusters;
        this.discovery = discovery;
        this.ssh = ssh;
        this.membership = membership;
    }

    @GetMapping
    String list(Model model, HtmxRequest htmx) {
        model.addAttribute("clusters", clusters.list());
        return htmx.isHtmxRequest() ? "clusters/fragments :: cluster-list" : "clusters/list";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable Long id, Model model) {
        model.addAttribute("cluster", clusters.get(id));
        model.addAttribute("deliveries", deliveries.recent(id));
        membership.addTo(model, id);
        return "clusters/detail";
    }

    @GetMapping("/new")
    @PreAuthorize("hasRole('ADMIN')")
    String newForm(Model model) {
        model.addAttribute("form", new ClusterFormData());
        return "clusters/form";
    }

    @GetMapping("/{id}/edit")
    @PreAuthorize("hasRole('ADMIN')")
    String editForm(@PathVariable Long id, Model model) {
        ClusterDetails cluster = clusters.get(id);
        model.addAttribute("form", ClusterFormData.of(cluster));
        model.addAttribute("clusterId", id);
        return "clusters/form";
    }

    /** Form actions that re-render the form: discover, add/remove a server row, fetch a server's host key. */
    @PostMapping("/form")
    @PreAuthorize("hasRole('ADMIN')")
    String formAction(@ModelAttribute("form") ClusterFormData form, BindingResult binding,
                      @RequestParam("_action") String action, @RequestParam(required = false) Long clusterId,
                      Model model, HtmxRequest htmx) {
        model.addAttribute("clusterId", clusterId);
        if (action.equals("discover")) {
            try {
                form.applyDiscovery(discovery.discover(form.getBoltUri(), form.getNeo4jUsername(), form.getNeo4jPassword()));
                model.addAttribute("notice", "Discovered " + form.getServers().size() + " servers. Fetch and confirm each host key.");
            } catch (ClusterValidationException e) {
                reject(binding, e.fieldErrors());
            }
        } else if (action.equals("add")) {
            form.getServers().add(new ClusterFormData.ServerRow());
        } else if (action.startsWith("remove:")) {
            int index = Integer.parseInt(action.substring("remove:".length()));
            if (index >= 0 && index < form.getServers().size()) {
                form.getServers().remove(index);
            }
        } else if (action.startsWith("hostkey:")) {
            int index = Integer.parseInt(action.substring("hostkey:".length()));
            fetchHostKey(form, index, binding);
        }
        return htmx.isHtmxRequest() ? "clusters/fragments :: cluster-form" : "clusters/form";
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    String create(@ModelAttribute("form") ClusterFormData form, BindingResult binding, Model model, HtmxRequest htmx,
                  RedirectAttributes redirect) {
        return save(null, form, binding, model, htmx, redirect);
    }

    @PostMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    String update(@PathVariable Long id, @ModelAttribute("form") ClusterFormData form, BindingResult binding, Model model,
                  HtmxRequest htmx, RedirectAttributes redirect) {
        return save(id, form, binding, model, htmx, redirect);
    }

    @PostMapping("/{id}/delete")
    @PreAuthorize("hasRole('ADMIN')")
    String delete(@PathVariable Long id, RedirectAttributes redirect) {
        String name = clusters.get(id).name();
        clusters.delete(id);
        redirect.addFlashAttribute("notice", "Cluster \"" + name + "\" was removed from the panel (nothing was changed on its servers).");
        return "redirect:/clusters";
    }

    private String save(Long id, ClusterFormData form, BindingResult binding, Model model, HtmxRequest htmx,
                        RedirectAttributes redirect) {
        model.addAttribute("clusterId", id);
        for (int i = 0; i < form.getServers().size(); i++) {
            ClusterFormData.ServerRow row = form.getServers().get(i);
            if (row.getHostKeyFingerprint() != null && !row.getHostKeyFingerprint().isBlank() && !row.isHostKeyConfirmed()) {
                binding.rejectValue("servers[" + i + "].hostKeyConfirmed", "unconfirmed",
                        "Confirm that this is the key of " + row.getAddress() + " (compare it on the server with ssh-keygen -lf).");
            }
        }
        if (!binding.hasErrors()) {
            try {
                ClusterDetails saved = id == null ? clusters.create(form.toCommand()) : clusters.update(id, form.toCommand());
                redirect.addFlashAttribute("notice", "Cluster \"" + saved.name() + "\" saved.");
                return "redirect:/clusters/" + saved.id();
            } catch (ClusterValidationException e) {
                reject(binding, e.fieldErrors());
            }
        }
        model.addAttribute("error", "Nothing was saved: correct the fields marked below. Secrets are never shown back; enter them again.");
        return htmx.isHtmxRequest() ? "clusters/fragments :: cluster-form" : "clusters/form";
    }

    private void fetchHostKey(ClusterFormData form, int index, BindingResult binding) {
        if (index < 0 || index >= form.getServers().size()) {
            return;
        }
        ClusterFormData.ServerRow row = form.getServers().get(index);
        String field = "servers[" + index + "].hostKeyFingerprint";
        if (row.getAddress() == null || row.getAddress().isBlank()) {
            binding.rejectValue(field, "missing", "Enter the address first.");
            return;
        }
        try {
            row.setHostKeyFingerprint(ssh.fetchHostKeyFingerprint(row.getAddress().strip(), row.getSshPort()));
            row.setHostKeyConfirmed(false);
        } catch (RuntimeException e) {
            binding.rejectValue(field, "unreachable", "Could not reach SSH at " + row.getAddress() + ":" + row.getSshPort() + ": " + e.getMessage());
        }
    }

    /** Maps the registry's field paths onto the form (SSH credentials are entered once for all servers). */
    private static void reject(BindingResult binding, Map<String, String> errors) {
        errors.forEach((path, message) -> {
            String field = path.replaceAll("^servers\\[\\d+]\\.(privateKey|password)$", "sshPrivateKey")
                    .replaceAll("^servers\\[\\d+]\\.sshUser$", "sshUser");
            if (binding.getFieldErrorCount(field) == 0) {
                binding.rejectValue(field, "invalid", message);
            }
        });
    }
}
