package dev.upshift.procedure;

/**
 * Why a conditional step (or a conditional part of one) is not planned.
 *
 * @param code machine code, e.g. {@code AUTH_NOT_NATIVE}
 * @param text the reason with the manual's condition
 */
public record SkipReason(String code, String text) {

    static SkipReason authNotNative(String server) {
        return new SkipReason("AUTH_NOT_NATIVE", "Native users and roles are not in use on " + server
                + ", so there is no data/dbms directory to back up or move (5.3.1: only if native users and roles are used).");
    }

    static SkipReason dataOutsideHome(String server, String dataDir) {
        return new SkipReason("DATA_OUTSIDE_HOME", "The data directory of " + server + " (" + dataDir
                + ") is outside NEO4J_HOME, so the new installation uses it in place: no copy (5.3.2.1 b 3).");
    }

    static SkipReason dataInPlace(String server, String dataDir) {
        return new SkipReason("DATA_IN_PLACE", "The new installation on " + server + " keeps using " + dataDir
                + ", where data/dbms already is: nothing to move.");
    }

    static SkipReason storeCopy(String server) {
        return new SkipReason("STORE_COPY", "The read replica " + server
                + " makes a full store copy from the cores when it starts instead of loading the dump (5.3.3 5f).");
    }
}
