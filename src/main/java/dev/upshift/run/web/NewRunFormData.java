package dev.upshift.run.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The new-run wizard's form; {@link RunWizardController} maps it to the run service's {@code CreateRunCommand}. */
public class NewRunFormData {

    @NotNull(message = "Choose the cluster to upgrade.")
    private Long clusterId;

    @NotBlank(message = "Enter the version to upgrade to, e.g. 3.4.6.")
    @Pattern(regexp = "\\s*\\d+\\.\\d+\\.\\d+\\s*", message = "A version looks like 3.4.6.")
    private String targetVersion = "3.4.6";

    @NotBlank(message = "Choose an upgrade method.")
    private String method;

    @NotBlank(message = "Choose auto or manual.")
    @Pattern(regexp = "auto|manual", message = "Choose auto or manual.")
    private String mode = "auto";

    @Pattern(regexp = "^$|/.*", message = "Give an absolute path, or leave empty for the default.")
    private String backupDir;

    /** Offline: the core that upgrades the store; empty for the first core by address. */
    private String seed;

    @Valid
    private List<ServerInstall> servers = new ArrayList<>();

    /** Where the new version comes from on one server. Tarball servers need both paths (checked by the controller). */
    public static class ServerInstall {
        private String address;
        private String role;
        private String installType;
        private String neo4jHome;
        /** A spare server (not a member yet): it installs the new version only when it replaces a member. */
        private boolean spare;
        /** A member's row, rolling-replaceable: the spare server that replaces it. */
        private String replacement;

        @Pattern(regexp = "^$|/.*", message = "Give an absolute path on the server.")
        private String archive;

        @Pattern(regexp = "^$|/.*", message = "Give an absolute path on the server.")
        private String newHome;

        public boolean isTarball() {
            return "tarball".equalsIgnoreCase(installType);
        }

        public String getAddress() { return address; }
        public void setAddress(String address) { this.address = address; }
        public String getRole() { return role; }
        public void setRole(String role) { this.role = role; }
        public String getInstallType() { return installType; }
        public void setInstallType(String installType) { this.installType = installType; }
        public String getNeo4jHome() { return neo4jHome; }
        public void setNeo4jHome(String neo4jHome) { this.neo4jHome = neo4jHome; }
        public String getArchive() { return archive; }
        public void setArchive(String archive) { this.archive = archive; }
        public String getNewHome() { return newHome; }
        public void setNewHome(String newHome) { this.newHome = newHome; }
        public boolean isSpare() { return spare; }
        public void setSpare(boolean spare) { this.spare = spare; }
        public String getReplacement() { return replacement; }
        public void setReplacement(String replacement) { this.replacement = replacement; }
    }

    public Long getClusterId() { return clusterId; }
    public void setClusterId(Long clusterId) { this.clusterId = clusterId; }
    public String getTargetVersion() { return targetVersion; }
    public void setTargetVersion(String targetVersion) { this.targetVersion = targetVersion; }
    public String getMethod() { return method; }
    public void setMethod(String method) { this.method = method; }
    public String getMode() { return mode; }
    public void setMode(String mode) { this.mode = mode; }
    public String getBackupDir() { return backupDir; }
    public void setBackupDir(String backupDir) { this.backupDir = backupDir; }
    public String getSeed() { return seed; }
    public void setSeed(String seed) { this.seed = seed; }
    public List<ServerInstall> getServers() { return servers; }
    public void setServers(List<ServerInstall> servers) { this.servers = servers; }
}
