package dev.upshift.cluster;

/** The role a server is expected to have ({@code dbms.mode}): leadership among cores moves, so it is not stored. */
public enum ServerRole {
    CORE, READ_REPLICA;

    /** Maps a role from {@code dbms.cluster.overview()} (LEADER, FOLLOWER, READ_REPLICA). */
    public static ServerRole fromOverviewRole(String role) {
        return "READ_REPLICA".equals(role) ? READ_REPLICA : CORE;
    }
}
