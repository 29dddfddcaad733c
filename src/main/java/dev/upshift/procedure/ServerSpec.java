package dev.upshift.procedure;

import java.util.Objects;

/**
 * One server of the cluster as the planner needs it.
 *
 * @param id         the registry's name for the server (also used in commands' {@code server})
 * @param address    the host the member advertises, e.g. {@code 10.0.0.11}
 * @param role       as known at planning time
 * @param neo4jHome  NEO4J_HOME of the installation now running (for a replacement: where it will be installed)
 * @param confDir    the directory holding neo4j.conf
 * @param dataDir    {@code dbms.directories.data}, absolute
 * @param sudo       prefix privileged commands with {@code sudo}
 * @param nativeAuth native users and roles are in use (decides PRE_BACKUP_DBMS and *_MOVE_DBMS)
 * @param backupDir  where this server keeps pre-upgrade backups and the offline dump
 */
public record ServerSpec(String id, String address, ServerRole role, InstallType installType, String neo4jHome,
                         String confDir, String dataDir, boolean sudo, boolean nativeAuth, String backupDir) {

    public ServerSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(installType, "installType");
        neo4jHome = trimSlash(neo4jHome);
        confDir = trimSlash(confDir);
        dataDir = trimSlash(dataDir);
        backupDir = trimSlash(backupDir);
    }

    /** A tarball server with the default layout: conf and data inside NEO4J_HOME. */
    public static ServerSpec tarball(String id, String address, ServerRole role, String neo4jHome) {
        return new ServerSpec(id, address, role, InstallType.TARBALL, neo4jHome, neo4jHome + "/conf",
                neo4jHome + "/data", false, true, "/var/backups/neo4j");
    }

    /** A Debian or RPM server with the packages' layout. */
    public static ServerSpec packaged(String id, String address, ServerRole role, InstallType type) {
        return new ServerSpec(id, address, role, type, "/var/lib/neo4j", "/etc/neo4j", "/var/lib/neo4j/data",
                true, true, "/var/backups/neo4j");
    }

    public ServerSpec withRole(ServerRole r) {
        return new ServerSpec(id, address, r, installType, neo4jHome, confDir, dataDir, sudo, nativeAuth, backupDir);
    }

    public ServerSpec withDataDir(String dir) {
        return new ServerSpec(id, address, role, installType, neo4jHome, confDir, dir, sudo, nativeAuth, backupDir);
    }

    public ServerSpec withSudo(boolean s) {
        return new ServerSpec(id, address, role, installType, neo4jHome, confDir, dataDir, s, nativeAuth, backupDir);
    }

    public ServerSpec withNativeAuth(boolean n) {
        return new ServerSpec(id, address, role, installType, neo4jHome, confDir, dataDir, sudo, n, backupDir);
    }

    public ServerSpec withBackupDir(String dir) {
        return new ServerSpec(id, address, role, installType, neo4jHome, confDir, dataDir, sudo, nativeAuth, dir);
    }

    public boolean isCore() {
        return role.isCore();
    }

    /** The data directory lives inside NEO4J_HOME, so a tarball upgrade must copy it (5.3.2.1 b 3). */
    public boolean dataInsideHome() {
        return isUnder(dataDir, neo4jHome);
    }

    static boolean isUnder(String path, String dir) {
        return path != null && dir != null && path.startsWith(dir + "/");
    }

    private static String trimSlash(String path) {
        return path != null && path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
