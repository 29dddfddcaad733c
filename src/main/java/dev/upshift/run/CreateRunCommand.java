package dev.upshift.run;

import java.util.Map;

import dev.upshift.procedure.InstallDetails;

/**
 * What an operator asks for when planning a run.
 *
 * @param method    {@code rolling-fixed}, {@code rolling-replaceable} or {@code offline}
 * @param mode      {@code auto} (default) or {@code manual}
 * @param install   per server address, where the new version's tarball is and where it is unpacked; defaults to
 *                  {@code neo4j-enterprise-<target>-unix.tar.gz} and {@code neo4j-enterprise-<target>} beside the
 *                  current NEO4J_HOME
 * @param backupDir where each server keeps this run's backups; defaults to {@code upshift-backups} beside NEO4J_HOME
 *                  for tarballs, {@code /var/backups/neo4j} for packages
 * @param seed      offline: the core that upgrades the store (its address); null for the first core by address
 * @param replacements rolling-replaceable: per member address, the address of the spare server (registered with the
 *                  cluster) that replaces it
 */
public record CreateRunCommand(Long clusterId, String targetVersion, String method, String mode,
                               Map<String, InstallDetails> install, String backupDir, String seed,
                               Map<String, String> replacements) {

    public CreateRunCommand {
        install = install == null ? Map.of() : Map.copyOf(install);
        replacements = replacements == null ? Map.of() : Map.copyOf(replacements);
    }

    public static CreateRunCommand of(Long clusterId, String targetVersion, String method, String mode) {
        return new CreateRunCommand(clusterId, targetVersion, method, mode, Map.of(), null, null, Map.of());
    }
}
