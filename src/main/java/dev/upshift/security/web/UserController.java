package dev.upshift.security.web;

import java.util.Arrays;
import java.util.List;

import jakarta.validation.Valid;
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

import dev.upshift.security.PasswordPolicy;
import dev.upshift.security.Role;
import dev.upshift.security.UserService;
import dev.upshift.security.UserValidationException;
import dev.upshift.security.UserView;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

/**
 * The Users page (ADMIN only). Each URL serves the full page, or with htmx the fragment that changed: the add form,
 * or one user's row. Without JavaScript every form posts and redirects back with a message.
 */
@Controller
@RequestMapping("/users")
class UserController {

    static final String USERS_CHANGED = "usersChanged";

    private final UserService users;
    private final PasswordPolicy passwordPolicy;

    UserController(UserService users, PasswordPolicy passwordPolicy) {
        this.users = users;
        this.passwordPolicy = passwordPolicy;
    }

    @ModelAttribute("roles")
    List<Role> roles() {
        return Arrays.asList(Role.values());
    }

    @ModelAttribute("minPasswordLength")
    int minPasswordLength() {
        return passwordPolicy.minLength();
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("users", users.list());
        if (!model.containsAttribute("userForm")) {
            model.addAttribute("userForm", new UserFormData());
        }
        return "users/list";
    }

    @GetMapping
    @HxRequest
    String table(Model model) {
        model.addAttribute("users", users.list());
        return "users/fragments :: users-table";
    }

    @PostMapping
    String create(@Valid @ModelAttribute("userForm") UserFormData form, BindingResult result, Model model,
                  RedirectAttributes redirect) {
        if (!tryCreate(form, result)) {
            return page(model);
        }
        redirect.addFlashAttribute("ok", "Added " + form.getUsername() + ".");
        return "redirect:/users";
    }

    @PostMapping
    @HxRequest
    String createFragment(@Valid @ModelAttribute("userForm") UserFormData form, BindingResult result, Model model,
                          HtmxResponse htmx) {
        if (tryCreate(form, result)) {
            model.addAttribute("created", form.getUsername());
            model.addAttribute("userForm", new UserFormData());
            htmx.addTrigger(USERS_CHANGED);
        }
        return "users/fragments :: user-form";
    }

    @PostMapping("/{id}/role")
    String changeRole(@PathVariable long id, @RequestParam(required = false) String role, RedirectAttributes redirect) {
        return redirectWith(redirect, change(id, () -> users.changeRole(id, parseRole(role)), "Role changed."));
    }

    @PostMapping("/{id}/role")
    @HxRequest
    String changeRoleFragment(@PathVariable long id, @RequestParam(required = false) String role, Model model) {
        return row(model, id, change(id, () -> users.changeRole(id, parseRole(role)), "Role changed."));
    }

    @PostMapping("/{id}/enabled")
    String setEnabled(@PathVariable long id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        return redirectWith(redirect, change(id, () -> users.setEnabled(id, enabled), enabled ? "Enabled." : "Disabled."));
    }

    @PostMapping("/{id}/enabled")
    @HxRequest
    String setEnabledFragment(@PathVariable long id, @RequestParam boolean enabled, Model model) {
        return row(model, id, change(id, () -> users.setEnabled(id, enabled), enabled ? "Enabled." : "Disabled."));
    }

    @PostMapping("/{id}/password")
    String resetPassword(@PathVariable long id, @RequestParam(defaultValue = "") String password,
                         RedirectAttributes redirect) {
        return redirectWith(redirect, change(id, () -> users.resetPassword(id, password), "Password reset."));
    }

    @PostMapping("/{id}/password")
    @HxRequest
    String resetPasswordFragment(@PathVariable long id, @RequestParam(defaultValue = "") String password, Model model) {
        return row(model, id, change(id, () -> users.resetPassword(id, password), "Password reset."));
    }

    private boolean tryCreate(UserFormData form, BindingResult result) {
        if (!result.hasErrors()) {
            try {
                users.create(form.getUsername(), form.getPassword(), form.toRole());
                return true;
            } catch (UserValidationException e) {
                result.rejectValue(e.field(), "invalid", e.getMessage());
            }
        }
        form.setPassword(null); // a password is never rendered back
        return false;
    }

    private Outcome change(long id, Runnable action, String success) {
        try {
            action.run();
            return new Outcome(true, success);
        } catch (UserValidationException e) {
            return new Outcome(false, e.getMessage());
        }
    }

    private String row(Model model, long id, Outcome outcome) {
        UserView user = users.get(id);
        model.addAttribute("user", user);
        model.addAttribute(outcome.ok() ? "rowOk" : "rowError", outcome.message());
        model.addAttribute("rowUserId", id);
        return "users/fragments :: user-row";
    }

    private static String redirectWith(RedirectAttributes redirect, Outcome outcome) {
        redirect.addFlashAttribute(outcome.ok() ? "ok" : "bad", outcome.message());
        return "redirect:/users";
    }

    private static Role parseRole(String role) {
        try {
            return Role.valueOf(role == null ? "" : role);
        } catch (IllegalArgumentException e) {
            throw new UserValidationException("role", UserFormData.ROLE_RULE);
        }
    }

    private record Outcome(boolean ok, String message) {
    }
}
