package dev.upshift.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.upshift.audit.JpaAuditLog;

/**
 * First start: when there is no user at all, creates {@code admin} (role ADMIN). Its password is
 * {@code UPSHIFT_ADMIN_PASSWORD} if set; otherwise a random one, printed in the log this once and never again.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    static final String ADMIN_USERNAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    // No look-alikes (0/O, 1/l/I) so the password can be typed from the log.
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private static final int GENERATED_LENGTH = 20;

    private final AppUserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final JpaAuditLog audit;
    private final UpshiftSecurityProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    AdminBootstrap(AppUserRepository users, PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy,
                   JpaAuditLog audit, UpshiftSecurityProperties properties, ObjectProvider<Clock> clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        String configured = properties.adminPassword();
        boolean fromEnvironment = configured != null && !configured.isBlank();
        String password = fromEnvironment ? configured : generatePassword();
        AppUser admin = users.save(new AppUser(ADMIN_USERNAME, passwordEncoder.encode(password), Role.ADMIN,
                clock.instant()));

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("username", ADMIN_USERNAME);
        details.put("role", Role.ADMIN.name());
        details.put("enabled", true);
        details.put("bootstrap", true);
        details.put("source", fromEnvironment ? "environment" : "generated");
        audit.recordAs(CurrentActor.SYSTEM, "user.created", "user", String.valueOf(admin.getId()), details);

        if (fromEnvironment) {
            log.info("Created the first administrator account '{}' with the password from UPSHIFT_ADMIN_PASSWORD.",
                    ADMIN_USERNAME);
            passwordPolicy.problem(ADMIN_USERNAME, password).ifPresent(problem -> log.warn(
                    "The UPSHIFT_ADMIN_PASSWORD password is weak ({}) Change it on the Users page.", problem));
        } else {
            logOnce(password);
        }
    }

    private void logOnce(String password) {
        String[] lines = {
                "Upshift created the first administrator account.",
                "",
                "    username:  " + ADMIN_USERNAME,
                "    password:  " + password,
                "",
                "This password is shown only this once. Sign in and change it",
                "on the Users page, or set UPSHIFT_ADMIN_PASSWORD before the",
                "first start next time."
        };
        int width = 0;
        for (String line : lines) {
            width = Math.max(width, line.length());
        }
        StringBuilder box = new StringBuilder("\n+").append("-".repeat(width + 4)).append("+\n");
        for (String line : lines) {
            box.append("|  ").append(line).append(" ".repeat(width - line.length())).append("  |\n");
        }
        box.append('+').append("-".repeat(width + 4)).append('+');
        log.warn(box.toString());
    }

    private String generatePassword() {
        StringBuilder password = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
