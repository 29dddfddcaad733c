package dev.upshift.security.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Request bodies of {@code /api/users}. */
final class UserApiRequests {

    private UserApiRequests() {
    }

    record NewUser(
            @NotBlank(message = "Enter a username.")
            @Pattern(regexp = "|[a-z0-9][a-z0-9._-]{1,63}", message = UserFormData.USERNAME_RULE) String username,
            @NotBlank(message = "Enter a password.") String password,
            @NotBlank(message = UserFormData.ROLE_RULE)
            @Pattern(regexp = "|ADMIN|OPERATOR|AUDITOR", message = UserFormData.ROLE_RULE) String role) {
    }

    /** Fields left out (null) are not changed. */
    record UserUpdate(
            @Pattern(regexp = "ADMIN|OPERATOR|AUDITOR", message = UserFormData.ROLE_RULE) String role,
            Boolean enabled,
            String password) {
    }
}
