package dev.upshift.procedure;

/** Which prepared neo4j.conf a command installs: every server has a FINAL one; the offline seed core also a SEED_UPGRADE one. */
public enum ConfVariant {
    /** The conf the server runs with after the upgrade: its role's dbms.mode, no dbms.allow_upgrade. */
    FINAL("final"),
    /** The offline seed core's conf for the store upgrade: dbms.mode=SINGLE and dbms.allow_upgrade=true (5.3.3 2a-b). */
    SEED_UPGRADE("seed-upgrade");

    private final String fileSuffix;

    ConfVariant(String fileSuffix) {
        this.fileSuffix = fileSuffix;
    }

    /** The suffix of the staged file, e.g. {@code neo4j.conf.seed-upgrade}. */
    public String fileSuffix() {
        return fileSuffix;
    }
}
