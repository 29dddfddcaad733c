package dev.upshift.security.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import dev.upshift.security.Role;

/** The "add a user" form. Format rules here; the service adds uniqueness and the password policy. */
public class UserFormData {

    static final String USERNAME_RULE =
            "Use 2 to 64 lowercase letters, digits, dots, dashes or underscores, starting with a letter or digit.";
    static final String ROLE_RULE = "Choose ADMIN, OPERATOR or AUDITOR.";

    @NotBlank(message = "Enter a username.")
    @Pattern(regexp = "|[a-z0-9][a-z0-9._-]{1,63}", message = USERNAME_RULE)
    private String username;

    @NotBlank(message = "Enter a password.")
    private String password;

    @NotBlank(message = ROLE_RULE)
    @Pattern(regexp = "|ADMIN|OPERATOR|AUDITOR", message = ROLE_RULE)
    private String role;

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username == null ? null : username.trim();
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    Role toRole() {
        return Role.valueOf(role);
    }
}
