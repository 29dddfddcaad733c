package dev.upshift.procedure;

/** How Neo4j is installed on a server; it decides the install, stop and start commands (5.3.2.1 b). */
public enum InstallType {
    /** A tar.gz unpacked into its own NEO4J_HOME; the new version goes into a new directory. */
    TARBALL,
    /** The Debian package neo4j-enterprise (NEO4J_HOME /var/lib/neo4j, conf /etc/neo4j, service neo4j). */
    DEB,
    /** The RPM package neo4j-enterprise (same layout as the Debian package). */
    RPM;

    public boolean isPackage() {
        return this != TARBALL;
    }
}
