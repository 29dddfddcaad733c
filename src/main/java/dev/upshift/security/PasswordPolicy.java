package dev.upshift.security;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/** What a password must be: long enough, not a well-known one, not the username, not one repeated character. */
@Component
public class PasswordPolicy {

    static final int MAX_LENGTH = 128;

    private static final Set<String> COMMON = Set.of(
            "password", "password1", "password123", "passw0rd", "123456789012", "1234567890123", "qwertyuiop",
            "qwertyuiop123", "letmein", "welcome", "welcome123", "admin", "admin123", "administrator", "changeme",
            "iloveyou", "neo4j", "neo4jneo4j", "upshift", "upshift123", "abcdefghijkl", "111111111111");

    private final int minLength;

    public PasswordPolicy(UpshiftSecurityProperties properties) {
        this.minLength = properties.security().minPasswordLength();
    }

    /** @return why the password is not acceptable for this user, or empty if it is */
    public Optional<String> problem(String username, String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("Enter a password.");
        }
        if (password.length() < minLength) {
            return Optional.of("Use at least " + minLength + " characters.");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("Use at most " + MAX_LENGTH + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || password.chars().distinct().count() < 4) {
            return Optional.of("This password is too easy to guess; choose another.");
        }
        if (username != null && !username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("The password must not contain the username.");
        }
        return Optional.empty();
    }

    public int minLength() {
        return minLength;
    }
}
