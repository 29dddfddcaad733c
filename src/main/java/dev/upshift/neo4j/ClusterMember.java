package dev.upshift.neo4j;

import java.util.List;

/**
 * One row of {@code CALL dbms.cluster.overview()} (3.4 columns: id, addresses, role, groups, database).
 *
 * @param role {@code LEADER}, {@code FOLLOWER} or {@code READ_REPLICA}
 */
public record ClusterMember(String id, List<String> addresses, String role, List<String> groups, String database) {

    /** The member's Bolt address as advertised, e.g. {@code bolt://127.0.0.11:7687}, or null if it has none. */
    public String boltAddress() {
        return addresses.stream().filter(a -> a.startsWith("bolt://")).findFirst().orElse(null);
    }

    /** The host part of the Bolt address (what the panel matches against a registered server's address). */
    public String host() {
        String bolt = boltAddress();
        String any = bolt != null ? bolt : (addresses.isEmpty() ? "" : addresses.get(0));
        String rest = any.contains("://") ? any.substring(any.indexOf("://") + 3) : any;
        int colon = rest.lastIndexOf(':');
        return colon > 0 ? rest.substring(0, colon) : rest;
    }

    public boolean isCore() {
        return "LEADER".equals(role) || "FOLLOWER".equals(role);
    }
}
