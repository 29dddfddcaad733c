package dev.upshift.cluster;

/** One server of a {@link ClusterCommand}. {@code privateKey} and {@code password} are never logged. */
public record ServerCommand(String address, ServerRole role, Integer sshPort, String sshUser, String privateKey,
                            String password, Boolean useSudo, String hostKeyFingerprint, InstallType installType,
                            String neo4jHome, String confDir, String dataDir, Boolean spare) {

    /** Optional in the API: SSH on port 22, no sudo, a member (not a spare). */
    public ServerCommand {
        sshPort = sshPort == null ? 22 : sshPort;
        useSudo = useSudo != null && useSudo;
        spare = spare != null && spare;
    }

    boolean hasPrivateKey() {
        return privateKey != null && !privateKey.isBlank();
    }

    boolean hasPassword() {
        return password != null && !password.isBlank();
    }

    @Override
    public String toString() {
        return "ServerCommand[" + address + ", " + role + (spare ? " spare" : "") + ", ssh " + sshUser + "@" + address + ":" + sshPort + "]";
    }
}
