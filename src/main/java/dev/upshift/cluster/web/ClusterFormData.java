package dev.upshift.cluster.web;

import java.util.ArrayList;
import java.util.List;

import dev.upshift.cluster.ClusterCommand;
import dev.upshift.cluster.ClusterDetails;
import dev.upshift.cluster.Discovery;
import dev.upshift.cluster.InstallType;
import dev.upshift.cluster.Neo4jAuth;
import dev.upshift.cluster.ServerCommand;
import dev.upshift.cluster.ServerRole;

/**
 * The cluster form. SSH credentials are entered once for all servers (the usual case: one deploy key); the API
 * accepts them per server. Secrets are write-only: they are never put back into a rendered form.
 */
public class ClusterFormData {

    private String name;
    private String boltUri;
    private Neo4jAuth auth = Neo4jAuth.BASIC;
    private String neo4jUsername = "neo4j";
    private String neo4jPassword;
    private String sshUser = "neo4j";
    private String sshPrivateKey;
    private String sshPassword;
    private List<ServerRow> servers = new ArrayList<>();
    private boolean requiresApproval;
    private String webhookUrl;

    public static ClusterFormData of(ClusterDetails c) {
        ClusterFormData f = new ClusterFormData();
        f.name = c.name();
        f.boltUri = c.boltUri();
        f.auth = c.auth();
        f.neo4jUsername = c.neo4jUsername();
        f.requiresApproval = c.requiresApproval();
        f.webhookUrl = c.webhookUrl();
        f.sshUser = c.servers().isEmpty() ? "neo4j" : c.servers().get(0).sshUser();
        for (ClusterDetails.ServerDetails s : c.servers()) {
            ServerRow row = new ServerRow();
            row.address = s.address();
            row.role = s.role();
            row.sshPort = s.sshPort();
            row.useSudo = s.useSudo();
            row.hostKeyFingerprint = s.hostKeyFingerprint();
            row.hostKeyConfirmed = true;
            row.installType = InstallType.valueOf(s.installType().toUpperCase());
            row.neo4jHome = s.neo4jHome();
            row.confDir = s.confDir();
            row.dataDir = s.dataDir();
            row.spare = s.spare();
            f.servers.add(row);
        }
        return f;
    }

    /** Replaces the server rows with what discovery proposed, keeping details of rows already filled in. */
    void applyDiscovery(Discovery discovery) {
        List<ServerRow> next = new ArrayList<>();
        for (Discovery.DiscoveredServer d : discovery.servers()) {
            ServerRow row = servers.stream().filter(r -> d.address().equalsIgnoreCase(r.address)).findFirst().orElseGet(ServerRow::new);
            row.address = d.address();
            row.role = d.role();
            row.discoveredRole = d.overviewRole();
            row.discoveredVersion = d.version();
            next.add(row);
        }
        // spares are not in the overview: discovery must not drop them
        servers.stream().filter(r -> r.spare && r.address != null && next.stream().noneMatch(n -> r.address.equalsIgnoreCase(n.address)))
                .forEach(next::add);
        servers = next;
    }

    public ClusterCommand toCommand() {
        return new ClusterCommand(name, boltUri, auth, neo4jUsername, neo4jPassword, servers.stream()
                .map(r -> new ServerCommand(r.address, r.role, r.sshPort, sshUser, sshPrivateKey, sshPassword, r.useSudo,
                        r.hostKeyFingerprint, r.installType, r.neo4jHome, r.confDir, r.dataDir, r.spare))
                .toList(), requiresApproval, webhookUrl == null ? "" : webhookUrl);
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getBoltUri() { return boltUri; }
    public void setBoltUri(String boltUri) { this.boltUri = boltUri; }
    public Neo4jAuth getAuth() { return auth; }
    public void setAuth(Neo4jAuth auth) { this.auth = auth; }
    public String getNeo4jUsername() { return neo4jUsername; }
    public void setNeo4jUsername(String neo4jUsername) { this.neo4jUsername = neo4jUsername; }
    public String getNeo4jPassword() { return neo4jPassword; }
    public void setNeo4jPassword(String neo4jPassword) { this.neo4jPassword = neo4jPassword; }
    public String getSshUser() { return sshUser; }
    public void setSshUser(String sshUser) { this.sshUser = sshUser; }
    public String getSshPrivateKey() { return sshPrivateKey; }
    public void setSshPrivateKey(String sshPrivateKey) { this.sshPrivateKey = sshPrivateKey; }
    public String getSshPassword() { return sshPassword; }
    public void setSshPassword(String sshPassword) { this.sshPassword = sshPassword; }
    public List<ServerRow> getServers() { return servers; }
    public boolean isRequiresApproval() { return requiresApproval; }
    public void setRequiresApproval(boolean requiresApproval) { this.requiresApproval = requiresApproval; }
    public String getWebhookUrl() { return webhookUrl; }
    public void setWebhookUrl(String webhookUrl) { this.webhookUrl = webhookUrl; }
    public void setServers(List<ServerRow> servers) { this.servers = servers; }

    /** One server row of the form. */
    public static class ServerRow {
        private String address;
        private ServerRole role = ServerRole.CORE;
        private int sshPort = 22;
        private boolean useSudo;
        private String hostKeyFingerprint;
        private boolean hostKeyConfirmed;
        private InstallType installType = InstallType.TARBALL;
        private String neo4jHome = "/opt/neo4j";
        private String confDir = "/opt/neo4j/conf";
        private String dataDir = "/opt/neo4j/data";
        private String discoveredRole;
        private String discoveredVersion;
        private boolean spare;

        public String getAddress() { return address; }
        public void setAddress(String address) { this.address = address; }
        public ServerRole getRole() { return role; }
        public void setRole(ServerRole role) { this.role = role; }
        public int getSshPort() { return sshPort; }
        public void setSshPort(int sshPort) { this.sshPort = sshPort; }
        public boolean isUseSudo() { return useSudo; }
        public void setUseSudo(boolean useSudo) { this.useSudo = useSudo; }
        public String getHostKeyFingerprint() { return hostKeyFingerprint; }
        public void setHostKeyFingerprint(String hostKeyFingerprint) { this.hostKeyFingerprint = hostKeyFingerprint; }
        public boolean isHostKeyConfirmed() { return hostKeyConfirmed; }
        public void setHostKeyConfirmed(boolean hostKeyConfirmed) { this.hostKeyConfirmed = hostKeyConfirmed; }
        public InstallType getInstallType() { return installType; }
        public void setInstallType(InstallType installType) { this.installType = installType; }
        public String getNeo4jHome() { return neo4jHome; }
        public void setNeo4jHome(String neo4jHome) { this.neo4jHome = neo4jHome; }
        public String getConfDir() { return confDir; }
        public void setConfDir(String confDir) { this.confDir = confDir; }
        public String getDataDir() { return dataDir; }
        public void setDataDir(String dataDir) { this.dataDir = dataDir; }
        public String getDiscoveredRole() { return discoveredRole; }
        public void setDiscoveredRole(String discoveredRole) { this.discoveredRole = discoveredRole; }
        public String getDiscoveredVersion() { return discoveredVersion; }
        public void setDiscoveredVersion(String discoveredVersion) { this.discoveredVersion = discoveredVersion; }
        public boolean isSpare() { return spare; }
        public void setSpare(boolean spare) { this.spare = spare; }
    }
}
