package dev.upshift.procedure;

/** A member's role as {@code dbms.cluster.overview()} reports it now (leadership moves; see {@link RollingOrder}). */
public enum ServerRole {
    LEADER, FOLLOWER, READ_REPLICA;

    public boolean isCore() {
        return this != READ_REPLICA;
    }

    /** The {@code dbms.mode} a server of this role runs in. */
    public String dbmsMode() {
        return isCore() ? "CORE" : "READ_REPLICA";
    }
}
