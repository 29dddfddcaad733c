package dev.upshift.security;

import java.time.Instant;

/** What the pages and the API may show of a user: everything but the password hash. */
public record UserView(long id, String username, Role role, boolean enabled, Instant createdAt) {
}
