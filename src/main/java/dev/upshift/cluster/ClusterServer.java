package dev.upshift.cluster;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * One server of a cluster: where Neo4j is installed and how the panel reaches it over SSH. The host key is pinned
 * (confirmed by a person on first contact) and enforced on every connection.
 */
@Entity
@Table(name = "cluster_server")
public class ClusterServer {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "cluster_id")
    private Cluster cluster;

    private int position;
    private String address;

    @Enumerated(EnumType.STRING)
    @Column(name = "expected_role")
    private ServerRole expectedRole;

    @Column(name = "ssh_port")
    private int sshPort;

    @Column(name = "ssh_user")
    private String sshUser;

    @Column(name = "ssh_private_key_enc")
    private String sshPrivateKeyEnc;

    @Column(name = "ssh_password_enc")
    private String sshPasswordEnc;

    @Column(name = "use_sudo")
    private boolean useSudo;

    @Column(name = "host_key_fingerprint")
    private String hostKeyFingerprint;

    @Enumerated(EnumType.STRING)
    @Column(name = "install_type")
    private InstallType installType;

    @Column(name = "neo4j_home")
    private String neo4jHome;

    @Column(name = "conf_dir")
    private String confDir;

    @Column(name = "data_dir")
    private String dataDir;

    /** Registered for a rolling upgrade on replaceable resources; not expected in the membership until it replaces one. */
    private boolean spare;

    protected ClusterServer() {
    }

    ClusterServer(String address) {
        this.address = address;
    }

    void attach(Cluster owner, int position) {
        this.cluster = owner;
        this.position = position;
    }

    void describe(ServerRole role, int sshPort, String sshUser, boolean useSudo, String hostKeyFingerprint,
                  InstallType installType, String neo4jHome, String confDir, String dataDir, boolean spare) {
        this.expectedRole = role;
        this.spare = spare;
        this.sshPort = sshPort;
        this.sshUser = sshUser;
        this.useSudo = useSudo;
        this.hostKeyFingerprint = hostKeyFingerprint;
        this.installType = installType;
        this.neo4jHome = neo4jHome;
        this.confDir = confDir;
        this.dataDir = dataDir;
    }

    void markSpare(boolean spare) {
        this.spare = spare;
    }

    /** The server now runs Neo4j from another installation (a tarball upgrade unpacks the new version beside the old). */
    void relocate(String neo4jHome, String confDir, String dataDir) {
        this.neo4jHome = neo4jHome;
        this.confDir = confDir;
        this.dataDir = dataDir;
    }

    /** A null argument keeps the stored secret: edit forms never show secrets, so "empty" means "unchanged". */
    void secrets(String privateKeyEnc, String passwordEnc) {
        if (privateKeyEnc != null) {
            this.sshPrivateKeyEnc = privateKeyEnc;
            this.sshPasswordEnc = passwordEnc;
        } else if (passwordEnc != null) {
            this.sshPasswordEnc = passwordEnc;
            this.sshPrivateKeyEnc = null;
        }
    }

    public Long getId() { return id; }
    public int getPosition() { return position; }
    public String getAddress() { return address; }
    public ServerRole getExpectedRole() { return expectedRole; }
    public int getSshPort() { return sshPort; }
    public String getSshUser() { return sshUser; }
    String getSshPrivateKeyEnc() { return sshPrivateKeyEnc; }
    String getSshPasswordEnc() { return sshPasswordEnc; }
    public boolean hasStoredKey() { return sshPrivateKeyEnc != null; }
    public boolean hasStoredPassword() { return sshPasswordEnc != null; }
    public boolean isUseSudo() { return useSudo; }
    public String getHostKeyFingerprint() { return hostKeyFingerprint; }
    public InstallType getInstallType() { return installType; }
    public String getNeo4jHome() { return neo4jHome; }
    public String getConfDir() { return confDir; }
    public String getDataDir() { return dataDir; }
    public boolean isSpare() { return spare; }
}
