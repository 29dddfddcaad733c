package dev.upshift.procedure;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders the shell commands of one server: tarball vs Debian/RPM, {@code sudo} where configured, old vs new
 * installation. Package installs are driven by systemd and run neo4j-admin as the {@code neo4j} user so the files
 * it writes stay owned by the service.
 */
final class ServerCommands {

    private final ServerSpec server;
    private final InstallDetails install;
    private final Neo4jVersion target;
    private final String staging;

    ServerCommands(ServerSpec server, InstallDetails install, Neo4jVersion target, String staging) {
        this.server = server;
        this.install = install;
        this.target = target;
        this.staging = staging;
    }

    String id() {
        return server.id();
    }

    ServerSpec spec() {
        return server;
    }

    /** NEO4J_HOME after the install (tarball: the new directory; packages: unchanged). */
    String newHome() {
        return tarball() && install.newHome() != null ? trim(install.newHome()) : server.neo4jHome();
    }

    /** The conf directory the new installation reads (moves with NEO4J_HOME when it was inside it). */
    String newConfDir() {
        return moved(server.confDir());
    }

    /** The data directory the new installation uses (moves with NEO4J_HOME when it was inside it). */
    String newDataDir() {
        return moved(server.dataDir());
    }

    /** Tarball with the data directory inside NEO4J_HOME: the data must be copied into the new installation. */
    boolean dataMovesWithInstall() {
        return tarball() && server.dataInsideHome() && !newDataDir().equals(server.dataDir());
    }

    String backupDir() {
        return server.backupDir();
    }

    Command.Shell stop(boolean newInstall) {
        return shell(tarball() ? home(newInstall) + "/bin/neo4j stop" : "systemctl stop neo4j");
    }

    Command.Shell start(boolean newInstall) {
        return shell(tarball() ? home(newInstall) + "/bin/neo4j start" : "systemctl start neo4j");
    }

    Command.Shell admin(boolean newInstall, String args) {
        if (tarball()) return shell(home(newInstall) + "/bin/neo4j-admin " + args);
        return new Command.Shell(server.id(), (server.sudo() ? "sudo -u neo4j " : "") + "neo4j-admin " + args);
    }

    /** Puts the new version on the server (5.3.2.1 b 1): unpack the tarball, or install the package. */
    List<Command> installNewVersion() {
        return switch (server.installType()) {
            case TARBALL -> List.of(
                    shell("mkdir -p " + newHome()),
                    shell("tar -xzf " + install.archive() + " -C " + newHome() + " --strip-components=1"));
            // --force-confold keeps the conf already in place: the differences were reviewed in PRE_PREPARE_CONF
            // and the prepared file is installed right after, so dpkg must not prompt or replace it.
            case DEB -> List.of(new Command.Shell(server.id(), sudo("apt-get install -y -o Dpkg::Options::=--force-confold "
                    + "neo4j-enterprise=1:" + target)));
            case RPM -> List.of(new Command.Shell(server.id(), sudo("yum install -y neo4j-enterprise-" + target)));
        };
    }

    /** Uploads a prepared conf to the staging directory (no copy yet). */
    Command.UploadConf stageConf(ConfVariant variant) {
        return new Command.UploadConf(server.id(), variant, stagedConf(variant));
    }

    /** Copies a staged conf into the new installation's conf directory. */
    Command.Shell placeStagedConf(ConfVariant variant) {
        return shell("cp " + stagedConf(variant) + " " + newConfDir() + "/neo4j.conf");
    }

    List<Command> installConf(ConfVariant variant) {
        return List.of(stageConf(variant), placeStagedConf(variant));
    }

    /** Copies the old installation's data into the new one (5.3.2.1 b 3); empty when not needed. */
    List<Command> copyData() {
        if (!dataMovesWithInstall()) return List.of();
        return List.of(shell("mkdir -p " + newDataDir()),
                shell("cp -a " + server.dataDir() + "/. " + newDataDir() + "/"));
    }

    /** Puts this server's backed-up data/dbms (from PRE_BACKUP_DBMS) into the new data directory. */
    List<Command> restoreDbms(String archive) {
        List<Command> c = new ArrayList<>();
        c.add(shell("mkdir -p " + newDataDir()));
        c.add(shell("tar -xzf " + archive + " -C " + newDataDir()));
        // Unpacked as root it would keep the old host's owner ids; the service user must own its auth files.
        if (server.installType().isPackage()) c.add(shell("chown -R neo4j:neo4j " + newDataDir() + "/dbms"));
        return c;
    }

    /**
     * A directory neo4j-admin writes into (backups, the dump). A package runs neo4j-admin as the neo4j user, so the
     * directory is made its own; elsewhere a plain mkdir.
     */
    Command.Shell mkdirForAdmin(String dir) {
        return server.installType().isPackage() && server.sudo()
                ? shell("install -d -o neo4j -g neo4j " + dir)
                : shell("mkdir -p " + dir);
    }

    String stagedConf(ConfVariant variant) {
        return staging + "/neo4j.conf." + variant.fileSuffix();
    }

    String staging() {
        return staging;
    }

    Command.Shell shell(String line) {
        return new Command.Shell(server.id(), sudo(line));
    }

    private String sudo(String line) {
        return server.sudo() ? "sudo " + line : line;
    }

    private boolean tarball() {
        return server.installType() == InstallType.TARBALL;
    }

    private String home(boolean newInstall) {
        return newInstall ? newHome() : server.neo4jHome();
    }

    private String moved(String dir) {
        if (!tarball() || !ServerSpec.isUnder(dir, server.neo4jHome())) return dir;
        return newHome() + dir.substring(server.neo4jHome().length());
    }

    private static String trim(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
