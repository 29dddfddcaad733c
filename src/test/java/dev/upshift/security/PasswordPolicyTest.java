package dev.upshift.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(
            new UpshiftSecurityProperties(Path.of("data"), null, null, new UpshiftSecurityProperties.Security(12)));

    @Test
    void acceptsALongUncommonPassword() {
        assertThat(policy.problem("alice", "correct horse battery")).isEmpty();
    }

    @Test
    void refusesShortCommonRepetitiveOrUsernamePasswords() {
        assertThat(policy.problem("alice", "")).contains("Enter a password.");
        assertThat(policy.problem("alice", "short")).contains("Use at least 12 characters.");
        assertThat(policy.problem("alice", "Password123")).hasValueSatisfying(p -> assertThat(p).contains("12"));
        assertThat(policy.problem("alice", "qwertyuiop123")).hasValueSatisfying(p -> assertThat(p).contains("guess"));
        assertThat(policy.problem("alice", "aaaaaaaaaaaaaaa")).hasValueSatisfying(p -> assertThat(p).contains("guess"));
        assertThat(policy.problem("alice", "my-Alice-is-great")).contains("The password must not contain the username.");
        assertThat(policy.problem("alice", "x".repeat(50) + "y".repeat(50) + "z".repeat(20) + "abcdefghij"))
                .contains("Use at most 128 characters.");
    }
}
