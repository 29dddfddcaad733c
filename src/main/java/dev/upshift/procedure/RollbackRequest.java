package dev.upshift.procedure;

import java.util.List;
import java.util.Objects;

/**
 * What a rollback is planned from: the facts a failed or aborted upgrade recorded about the cluster before it
 * changed anything (its servers' source installations, the backups it took and their checksums).
 *
 * @param failedRun    the id of the upgrade run rolled back (for the texts)
 * @param method       the method of that upgrade
 * @param from         the version that upgrade was installing (some servers may run it now)
 * @param to           the source version the cluster goes back to
 * @param servers      every member of the cluster, as it was before the upgrade; then any server the upgrade added
 *                     (a replacement, 5.3.2.2), which is only stopped
 * @param backup       the pre-upgrade full backup (PRE_VERIFY_FULL_BACKUP)
 * @param databaseName {@code dbms.active_database}
 * @param workDir      per server: where this rollback keeps the packed backup it received (the panel's staging dir)
 */
public record RollbackRequest(long failedRun, Method method, Neo4jVersion from, Neo4jVersion to, List<Server> servers, FullBackup backup,
                              String databaseName, String workDir) {

    public RollbackRequest {
        servers = List.copyOf(servers);
        Objects.requireNonNull(backup, "backup");
        databaseName = databaseName == null ? "graph.db" : databaseName;
    }

    /**
     * One server.
     *
     * @param source        its source installation (NEO4J_HOME, conf and data directories before the upgrade)
     * @param sourceArchive tarball only: the source version's archive on the server, unpacked when the source
     *                      NEO4J_HOME is no longer intact
     * @param upgradedHome  tarball only: the new NEO4J_HOME the upgrade unpacked (or would have), null if none
     * @param touched       the upgrade started installing the new version on it
     * @param member        false for a server the upgrade added (a replacement): it is only stopped
     * @param conf          the backed-up neo4j.conf (PRE_BACKUP_CONF), null if none was recorded
     * @param dbms          the backed-up data/dbms archive (PRE_BACKUP_DBMS), null if none was recorded
     */
    public record Server(ServerSpec source, String sourceArchive, String upgradedHome, boolean touched, boolean member,
                         FileBackup conf, FileBackup dbms) {

        public String id() {
            return source.id();
        }
    }

    /** A file the upgrade backed up, with the SHA-256 it recorded then. */
    public record FileBackup(String path, String sha256) {
    }

    /**
     * @param server    the server holding it
     * @param directory the backup's own directory (neo4j-admin backup's {@code --backup-dir}/{@code --name}), what
     *                  {@code neo4j-admin restore --from} takes
     */
    public record FullBackup(String server, String directory) {
    }
}
