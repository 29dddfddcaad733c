package dev.upshift.procedure;

/**
 * How the new version gets onto one server.
 *
 * @param archive for a tarball install: the path of the new version's {@code .tar.gz} on the server; null for packages
 * @param newHome for a tarball install: the new NEO4J_HOME it is unpacked into; null for packages (they keep theirs)
 */
public record InstallDetails(String archive, String newHome) {

    public static InstallDetails tarball(String archive, String newHome) {
        return new InstallDetails(archive, newHome);
    }

    public static InstallDetails packaged() {
        return new InstallDetails(null, null);
    }
}
