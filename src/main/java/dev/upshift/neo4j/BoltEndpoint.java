package dev.upshift.neo4j;

import java.net.URI;
import java.util.Objects;

/**
 * Where and how to reach one Neo4j member over Bolt. {@code password} is plaintext in memory only; it is never
 * logged ({@link #toString()} hides it).
 */
public record BoltEndpoint(URI uri, String username, String password) {

    public BoltEndpoint {
        Objects.requireNonNull(uri, "uri");
    }

    public static BoltEndpoint unauthenticated(URI uri) {
        return new BoltEndpoint(uri, null, null);
    }

    /** The same credentials against another member, e.g. when falling back from one that went away. */
    public BoltEndpoint at(URI otherUri) {
        return new BoltEndpoint(otherUri, username, password);
    }

    public boolean hasCredentials() {
        return username != null && !username.isBlank();
    }

    @Override
    public String toString() {
        return "BoltEndpoint[" + uri + (hasCredentials() ? ", user=" + username : "") + "]";
    }
}
