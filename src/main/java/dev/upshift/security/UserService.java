package dev.upshift.security;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.upshift.audit.AuditLog;

/**
 * Creates and changes users; admins only. Every change writes exactly one audit event in the same transaction.
 * The rules that protect the panel from locking itself out live here: an admin cannot disable or demote
 * themselves, and the last enabled admin stays an enabled admin.
 */
@Service
@PreAuthorize(Roles.IS_ADMIN)
public class UserService {

    /** Lowercase letters, digits, dot, dash, underscore; starts with a letter or digit. */
    public static final String USERNAME_PATTERN = "[a-z0-9][a-z0-9._-]{1,63}";
    private static final Pattern USERNAME = Pattern.compile(USERNAME_PATTERN);

    private final AppUserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final AuditLog audit;
    private final SessionTerminator sessions;
    private final Clock clock;

    UserService(AppUserRepository users, PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy,
                AuditLog audit, SessionTerminator sessions, ObjectProvider<Clock> clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
        this.audit = audit;
        this.sessions = sessions;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Transactional(readOnly = true)
    public List<UserView> list() {
        return users.findAllByOrderByUsernameAsc().stream().map(AppUser::toView).toList();
    }

    @Transactional(readOnly = true)
    public UserView get(long id) {
        return find(id).toView();
    }

    @Transactional
    public UserView create(String username, String password, Role role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new UserValidationException("username",
                    "Use 2 to 64 lowercase letters, digits, dots, dashes or underscores, starting with a letter or digit.");
        }
        if (role == null) {
            throw new UserValidationException("role", "Choose a role.");
        }
        if (users.existsByUsername(username)) {
            throw new UserValidationException("username", "A user named " + username + " already exists.");
        }
        passwordPolicy.problem(username, password).ifPresent(p -> {
            throw new UserValidationException("password", p);
        });
        AppUser user = users.save(new AppUser(username, passwordEncoder.encode(password), role, clock.instant()));
        audit.record("user.created", "user", String.valueOf(user.getId()),
                Map.of("username", username, "role", role.name(), "enabled", true));
        return user.toView();
    }

    @Transactional
    public UserView changeRole(long id, Role role) {
        return update(id, role, null, null);
    }

    @Transactional
    public UserView setEnabled(long id, boolean enabled) {
        return update(id, null, enabled, null);
    }

    @Transactional
    public UserView resetPassword(long id, String password) {
        return update(id, null, null, password);
    }

    /**
     * Applies the given changes (null means "leave as is") all or nothing; each actual change is one audit event
     * ({@code user.role_changed}, {@code user.enabled}/{@code user.disabled}, {@code user.password_reset}).
     */
    @Transactional
    public UserView update(long id, Role role, Boolean enabled, String password) {
        AppUser user = find(id);
        String target = String.valueOf(user.getId());
        boolean self = user.getUsername().equals(CurrentActor.name());
        boolean endSessions = false;

        if (password != null) {
            passwordPolicy.problem(user.getUsername(), password).ifPresent(p -> {
                throw new UserValidationException("password", p);
            });
        }
        if (role != null && role != user.getRole()) {
            if (self) {
                throw new UserValidationException("role", "You cannot change your own role; ask another admin.");
            }
            requireAnotherAdmin(user, "role", "This is the last enabled admin; make someone else an admin first.");
            Role from = user.getRole();
            user.changeRole(role);
            audit.record("user.role_changed", "user", target,
                    Map.of("username", user.getUsername(), "from", from.name(), "to", role.name()));
            endSessions = true;
        }
        if (enabled != null && enabled != user.isEnabled()) {
            if (self) {
                throw new UserValidationException("enabled", "You cannot disable your own account.");
            }
            if (!enabled) {
                requireAnotherAdmin(user, "enabled", "This is the last enabled admin; it cannot be disabled.");
            }
            user.changeEnabled(enabled);
            audit.record(enabled ? "user.enabled" : "user.disabled", "user", target,
                    Map.of("username", user.getUsername()));
            endSessions |= !enabled;
        }
        if (password != null) {
            user.changePasswordHash(passwordEncoder.encode(password));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("username", user.getUsername());
            details.put("self", self);
            audit.record("user.password_reset", "user", target, details);
            endSessions |= !self;
        }
        if (endSessions) {
            sessions.endSessionsOf(user.getUsername());
        }
        return user.toView();
    }

    private void requireAnotherAdmin(AppUser user, String field, String message) {
        if (user.getRole() == Role.ADMIN && user.isEnabled() && users.countByRoleAndEnabledTrue(Role.ADMIN) <= 1) {
            throw new UserValidationException(field, message);
        }
    }

    private AppUser find(long id) {
        return users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
    }
}
