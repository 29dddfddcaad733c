package dev.upshift.run;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.upshift.procedure.InstallType;
import dev.upshift.procedure.ServerRole;

/** A server as the run planned with it: role at planning time, installation paths before and after. */
@Entity
@Table(name = "run_server")
public class RunServer {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "run_id")
    private Long runId;

    /** The server id used in the plan: its registered address. */
    private String server;

    @Enumerated(EnumType.STRING)
    private ServerRole role;

    @Enumerated(EnumType.STRING)
    @Column(name = "install_type")
    private InstallType installType;

    @Column(name = "neo4j_home")
    private String neo4jHome;

    @Column(name = "new_home")
    private String newHome;

    private String archive;

    @Column(name = "conf_dir")
    private String confDir;

    @Column(name = "data_dir")
    private String dataDir;

    @Column(name = "backup_dir")
    private String backupDir;

    /** A replacement (rolling on replaceable resources): the member it replaces; null for the members themselves. */
    private String replaces;

    protected RunServer() {
    }

    RunServer(Long runId, String server, ServerRole role, InstallType installType, String neo4jHome, String newHome,
              String archive, String confDir, String dataDir, String backupDir, String replaces) {
        this.runId = runId;
        this.server = server;
        this.role = role;
        this.installType = installType;
        this.neo4jHome = neo4jHome;
        this.newHome = newHome;
        this.archive = archive;
        this.confDir = confDir;
        this.dataDir = dataDir;
        this.backupDir = backupDir;
        this.replaces = replaces;
    }

    /** Where this server's Neo4j logs are, for the new installation when {@code upgraded}. */
    public String logsDir(boolean upgraded) {
        if (installType.isPackage()) return "/var/log/neo4j";
        return (upgraded && newHome != null ? newHome : neo4jHome) + "/logs";
    }

    /** A tarball upgrade unpacks the new version into another NEO4J_HOME: afterwards the server runs from there. */
    public boolean movesHome() {
        return installType == InstallType.TARBALL && newHome != null && !trim(newHome).equals(neo4jHome);
    }

    /**
     * Where {@code dir} (NEO4J_HOME itself or a directory) is once the server moved: it moves with NEO4J_HOME when it
     * was inside it (the plan copied it there).
     */
    public String afterMove(String dir) {
        if (!movesHome() || dir == null || !(dir.equals(neo4jHome) || dir.startsWith(neo4jHome + "/"))) return dir;
        return trim(newHome) + dir.substring(neo4jHome.length());
    }

    private static String trim(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    public boolean isCore() { return role.isCore(); }
    public Long getId() { return id; }
    public Long getRunId() { return runId; }
    public String getServer() { return server; }
    public ServerRole getRole() { return role; }
    public InstallType getInstallType() { return installType; }
    public String getNeo4jHome() { return neo4jHome; }
    public String getNewHome() { return newHome; }
    public String getArchive() { return archive; }
    public String getConfDir() { return confDir; }
    public String getDataDir() { return dataDir; }
    public String getBackupDir() { return backupDir; }
    public String getReplaces() { return replaces; }
    public boolean isReplacement() { return replaces != null; }

    /** The server whose current neo4j.conf this one's prepared conf starts from (5.3.2.2 2). */
    public String confSource() { return replaces != null ? replaces : server; }
}
