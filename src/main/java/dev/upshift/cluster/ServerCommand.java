package dev.upshift.cluster;

/** One server of a {@link ClusterCommand}. {@code privateKey} and {@code password} are never logged. */
public record ServerCommand(String address, ServerRole role, int sshPort, String sshUser, String privateKey,
                            String password, boolean useSudo, String hostKeyFingerprint, InstallType installType,
                            String neo4jHome, String confDir, String dataDir) {

    boolean hasPrivateKey() {
        return privateKey != null && !privateKey.isBlank();
    }

    boolean hasPassword() {
        return password != null && !password.isBlank();
    }

    @Override
    public String toString() {
        return "ServerCommand[" + address + ", " + role + ", ssh " + sshUser + "@" + address + ":" + sshPort + "]";
    }
}
