package dev.upshift.cluster;

/** How Neo4j is installed on a server; it decides the install commands of an upgrade. */
public enum InstallType {
    TARBALL, DEB, RPM;

    public String apiName() {
        return name().toLowerCase();
    }
}
