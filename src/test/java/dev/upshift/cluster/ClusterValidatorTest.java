package dev.upshift.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterValidatorTest {

    private static final String FINGERPRINT = "SHA256:" + "A".repeat(43);

    private static ServerCommand server(String address, String key) {
        return new ServerCommand(address, ServerRole.CORE, 22, "neo4j", key, null, false, FINGERPRINT,
                InstallType.TARBALL, "/opt/neo4j", "/opt/neo4j/conf", "/opt/neo4j/data", null);
    }

    private static ClusterCommand cluster(String name, String bolt, List<ServerCommand> servers) {
        return new ClusterCommand(name, bolt, Neo4jAuth.BASIC, "neo4j", "secret", servers);
    }

    @Test
    @DisplayName("a well-formed cluster has no errors")
    void wellFormed() {
        var cmd = cluster("prod", "bolt://10.0.0.5:7687", List.of(server("10.0.0.5", TestKeys.rsaPrivateKeyPem())));
        assertThat(ClusterValidator.validate(cmd, null, false)).isEmpty();
    }

    @Test
    void duplicateNameIsNamed() {
        var cmd = cluster("prod", "bolt://10.0.0.5:7687", List.of(server("10.0.0.5", TestKeys.rsaPrivateKeyPem())));
        assertThat(ClusterValidator.validate(cmd, null, true))
                .containsEntry("name", "A cluster named \"prod\" already exists.");
    }

    @Test
    void malformedBoltUris() {
        for (String bad : List.of("http://10.0.0.5:7474", "bolt://", "10.0.0.5:7687", "bolt://host", "bolt://h:7687/x", "bolt ://x:1")) {
            var cmd = cluster("prod", bad, List.of(server("10.0.0.5", TestKeys.rsaPrivateKeyPem())));
            assertThat(ClusterValidator.validate(cmd, null, false)).as(bad).containsKey("boltUri");
        }
    }

    @Test
    @DisplayName("a webhook URL is optional; when given, an http(s) URL with a host and no credentials")
    void webhookUrls() {
        List<ServerCommand> servers = List.of(server("10.0.0.5", TestKeys.rsaPrivateKeyPem()));
        for (String ok : new String[] {null, "", "  ", "https://chat.example.com/hooks/upgrades?channel=dba",
                "http://127.0.0.1:8099/hook"}) {
            var cmd = new ClusterCommand("prod", "bolt://10.0.0.5:7687", Neo4jAuth.BASIC, "neo4j", "secret", servers, true, ok);
            assertThat(ClusterValidator.validate(cmd, null, false)).as(String.valueOf(ok)).isEmpty();
        }
        for (String bad : List.of("ftp://example.com/x", "chat.example.com/hook", "https://", "https:///path",
                "http://bad host/", "https://example.com/" + "x".repeat(500))) {
            var cmd = new ClusterCommand("prod", "bolt://10.0.0.5:7687", Neo4jAuth.BASIC, "neo4j", "secret", servers, null, bad);
            assertThat(ClusterValidator.validate(cmd, null, false)).as(bad).containsKey("webhookUrl");
        }
        var withPassword = new ClusterCommand("prod", "bolt://10.0.0.5:7687", Neo4jAuth.BASIC, "neo4j", "secret", servers,
                null, "https://bot:hunter2@chat.example.com/hook");
        assertThat(ClusterValidator.validate(withPassword, null, false).get("webhookUrl")).contains("no user name or password");
        assertThat(ClusterValidator.webhookHost("https://chat.example.com:8443/hooks/T0/B0/secret-token"))
                .isEqualTo("https://chat.example.com:8443");
    }

    @Test
    void privateKeyThatDoesNotParse() {
        var cmd = cluster("prod", "bolt://10.0.0.5:7687",
                List.of(server("10.0.0.5", "-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5\n-----END OPENSSH PRIVATE KEY-----")));
        Map<String, String> errors = ClusterValidator.validate(cmd, null, false);
        assertThat(errors).containsKey("servers[0].privateKey");
        assertThat(errors.get("servers[0].privateKey")).containsIgnoringCase("private key");
    }

    @Test
    void serverWithoutCredentialOrHostKeyOrAbsolutePaths() {
        var s = new ServerCommand("10.0.0.6", ServerRole.READ_REPLICA, 0, "", null, null, false, "", InstallType.DEB,
                "opt/neo4j", "", "/var/lib/neo4j", false);
        Map<String, String> errors = ClusterValidator.validate(cluster("prod", "bolt://10.0.0.5:7687", List.of(s)), null, false);
        assertThat(errors).containsKeys("servers[0].privateKey", "servers[0].hostKeyFingerprint", "servers[0].sshPort",
                "servers[0].sshUser", "servers[0].neo4jHome", "servers[0].confDir").doesNotContainKey("servers[0].dataDir");
    }

    @Test
    void sameServerTwice() {
        String key = TestKeys.rsaPrivateKeyPem();
        var cmd = cluster("prod", "bolt://10.0.0.5:7687", List.of(server("10.0.0.5", key), server("10.0.0.5", key)));
        assertThat(ClusterValidator.validate(cmd, null, false)).containsEntry("servers[1].address", "This server is listed twice.");
    }

    @Test
    void nameWithMarkupIsRefused() {
        var cmd = cluster("<script>alert(1)</script>", "bolt://10.0.0.5:7687", List.of(server("10.0.0.5", TestKeys.rsaPrivateKeyPem())));
        assertThat(ClusterValidator.validate(cmd, null, false)).containsKey("name");
    }

    @Test
    @DisplayName("markup in any text field gets a field error")
    void markupEverywhere() {
        String x = "<script>alert(1)</script>";
        var s = new ServerCommand(x, ServerRole.CORE, 22, x, null, "x", false, x, InstallType.TARBALL, "/opt/" + x, "/" + x, "/" + x, null);
        var cmd = new ClusterCommand(x, x, Neo4jAuth.BASIC, x, "x", List.of(s));
        assertThat(ClusterValidator.validate(cmd, null, false)).containsKeys("name", "boltUri", "neo4jUsername",
                "servers[0].address", "servers[0].sshUser", "servers[0].hostKeyFingerprint", "servers[0].neo4jHome",
                "servers[0].confDir", "servers[0].dataDir");
    }
}
