package dev.upshift.procedure;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands of the rollback's steps, by step: what {@link RollbackPlanner} puts in {@code RB_VERIFY_BACKUP},
 * {@code RB_REINSTALL}, {@code RB_RESTORE_CONF}, {@code RB_RESTORE_DBMS}, {@code RB_RESTORE_DB} and {@code RB_UNBIND}.
 * Each checks what it relies on (a version, a checksum, a store file) so that a step fails before it replaces anything.
 */
final class RollbackCommands {

    /** The packed copy of the backup, in the work directory of the server that holds it and of each receiver. */
    static final String PACKED = "pre-upgrade-backup.tar.gz";

    private RollbackCommands() {
    }

    /** The backup's store is there (its neostore file); packed and checksummed when other servers restore from a copy. */
    static List<Command> verifyBackup(RollbackRequest r, ServerCommands c, boolean pack) {
        String dir = r.backup().directory();
        List<Command> commands = new ArrayList<>();
        // neo4j-admin backup writes a store directory: its neostore file is what restore needs first.
        commands.add(c.shell("test -f " + dir + "/neostore"));
        commands.add(c.shell("du -sk --time " + dir));
        if (pack) {
            String packed = r.workDir() + "/" + PACKED;
            commands.add(c.shell("mkdir -p " + r.workDir()));
            commands.add(c.shell("rm -f " + packed));   // a retry packs again from the backup itself
            commands.add(c.shell("tar -czf " + packed + " -C " + parent(dir) + " " + name(dir)));
            commands.add(c.shell("sha256sum " + packed));
        }
        return commands;
    }

    /** The source version again: a tarball's source NEO4J_HOME is used when it still reports it, else unpacked anew. */
    static List<Command> reinstall(RollbackRequest r, RollbackRequest.Server s, ServerCommands c) {
        String expected = "neo4j " + r.to();
        return switch (s.source().installType()) {
            case TARBALL -> {
                String home = s.source().neo4jHome();
                // sudo goes on the commands inside the test, not in front of the shell's `if`
                String unpack = c.shell("mkdir -p " + home).line() + " && " + c.shell("tar -xzf " + s.sourceArchive()
                        + " -C " + home + " --strip-components=1").line();
                List<Command> commands = new ArrayList<>();
                if (s.upgradedHome() != null && !s.upgradedHome().equals(home)) {
                    // Nothing may run from the new installation any longer, and a later upgrade must unpack into an
                    // empty directory (a stale debug.log there would "prove" a store upgrade that has not happened);
                    // it is moved aside, not deleted: it holds what the failed run did.
                    String aside = s.upgradedHome() + ".rolled-back-run-" + r.failedRun();
                    commands.add(new Command.Shell(s.id(), "test ! -d " + s.upgradedHome() + " || "
                            + c.shell("mv -T " + s.upgradedHome() + " " + aside).line()));
                }
                commands.addAll(List.of(
                        new Command.Shell(s.id(), "if " + home + "/bin/neo4j version 2>/dev/null | grep -Fqx '" + expected
                                + "'; then echo '" + home + " is intact: " + expected + "'; else " + unpack + "; fi"),
                        c.shell(home + "/bin/neo4j version | grep -Fx '" + expected + "'")));
                yield commands;
            }
            case DEB -> List.of(c.shell("apt-get install -y --allow-downgrades -o Dpkg::Options::=--force-confold "
                    + "neo4j-enterprise=1:" + r.to()), c.shell("neo4j version | grep -Fx '" + expected + "'"));
            case RPM -> List.of(c.shell("yum downgrade -y neo4j-enterprise-" + r.to()), c.shell("neo4j version | grep -Fx '" + expected + "'"));
        };
    }

    /** The backup must still have the recorded checksum before it replaces anything, and the restored file after. */
    static List<Command> restoreConf(RollbackRequest.Server s, ServerCommands c) {
        String target = s.source().confDir() + "/neo4j.conf";
        return List.of(
                checksum(c, s.conf().sha256(), s.conf().path()),
                c.shell("cp -p " + s.conf().path() + " " + target),
                checksum(c, s.conf().sha256(), target));
    }

    static List<Command> restoreDbms(RollbackRequest.Server s, ServerCommands c) {
        String data = s.source().dataDir();
        List<Command> commands = new ArrayList<>();
        commands.add(checksum(c, s.dbms().sha256(), s.dbms().path()));
        commands.add(c.shell("rm -rf " + data + "/dbms"));
        commands.add(c.shell("mkdir -p " + data));
        commands.add(c.shell("tar -xzf " + s.dbms().path() + " -C " + data));
        if (s.source().installType().isPackage()) commands.add(c.shell("chown -R neo4j:neo4j " + data + "/dbms"));
        return commands;
    }

    /** {@code sha256sum -c} fails the step when the file's SHA-256 is not the recorded one. */
    private static Command.Shell checksum(ServerCommands c, String sha256, String path) {
        return c.shell("echo '" + sha256 + "  " + path + "' | sha256sum -c -");
    }

    /**
     * The server holding the backup restores it in place; the others receive the packed copy through the panel,
     * unpack it into the work directory and restore from there.
     */
    static List<Command> restoreDb(RollbackRequest r, RollbackRequest.Server s, ServerCommands c) {
        String restore = "restore --database=" + r.databaseName() + " --force --from=";
        if (s.id().equals(r.backup().server())) {
            return List.of(c.admin(false, restore + r.backup().directory()));
        }
        String packed = r.workDir() + "/" + PACKED;
        String unpacked = r.workDir() + "/pre-upgrade-backup";
        return List.of(
                new Command.Transfer(s.id(), r.backup().server(), packed, packed),
                c.shell("sha256sum " + packed),
                c.shell("rm -rf " + unpacked),
                c.shell("mkdir -p " + unpacked),
                c.shell("tar -xzf " + packed + " -C " + unpacked),
                c.admin(false, restore + unpacked + "/" + name(r.backup().directory())));
    }

    /** As in the offline upgrade (3e): {@code neo4j-admin unbind} refuses where there is no cluster state. */
    static Command.Shell unbindIfBound(ServerCommands c, String dataDir) {
        String state = dataDir + "/cluster-state";
        Command.Shell unbind = c.admin(false, "unbind");
        return new Command.Shell(unbind.server(), "if [ -d " + state + " ]; then " + unbind.line()
                + "; else echo 'No cluster state in " + state + ": nothing to unbind'; fi");
    }

    private static String parent(String dir) {
        int slash = dir.lastIndexOf('/');
        return slash <= 0 ? "/" : dir.substring(0, slash);
    }

    private static String name(String dir) {
        return dir.substring(dir.lastIndexOf('/') + 1);
    }
}
