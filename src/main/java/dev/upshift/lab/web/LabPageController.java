package dev.upshift.lab.web;

import dev.upshift.lab.LabClusterView;
import dev.upshift.lab.LabException;
import dev.upshift.lab.LabService;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The "Rehearsal lab" page: one-click practice clusters and their progress. A cluster card polls its own URL with
 * htmx while the cluster is starting; without JavaScript the page still works (reload to refresh).
 */
@Controller
class LabPageController {

    private final LabService lab;

    LabPageController(LabService lab) {
        this.lab = lab;
    }

    @GetMapping("/lab")
    String page(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", LabClusterForm.defaults());
        }
        model.addAttribute("clusters", lab.list());
        model.addAttribute("versions", lab.versions());
        return "lab/lab";
    }

    @PostMapping("/lab/clusters")
    String create(@Valid @ModelAttribute("form") LabClusterForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            model.addAttribute("error", "Choose a version and the number of cores and read replicas.");
            return page(model);
        }
        try {
            LabClusterView created = lab.create(form.toRequest());
            redirect.addFlashAttribute("notice", "Creating practice cluster " + created.id() + ".");
            return "redirect:/lab";
        } catch (LabException e) {
            model.addAttribute("error", e.getMessage());
            return page(model);
        }
    }

    @GetMapping("/lab/clusters/{id}")
    String cluster(@PathVariable String id, Model model) {
        model.addAttribute("cluster", find(id));
        return "lab/cluster";
    }

    @HxRequest
    @GetMapping("/lab/clusters/{id}")
    String card(@PathVariable String id, Model model) {
        model.addAttribute("cluster", find(id));
        return "lab/fragments :: lab-cluster-card";
    }

    @PostMapping("/lab/clusters/{id}/delete")
    String delete(@PathVariable String id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", lab.delete(id) ? "Practice cluster " + id + " was torn down." : "No lab cluster " + id + ".");
        return "redirect:/lab";
    }

    private LabClusterView find(String id) {
        return lab.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No lab cluster " + id));
    }
}
