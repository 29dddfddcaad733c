package dev.upshift.it;

import static dev.upshift.it.Api.q;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import dev.upshift.lab.LabCluster;
import dev.upshift.lab.LabClusterManager;
import dev.upshift.lab.LabMember;

/**
 * The cluster registry against a real practice cluster (3 cores of 3.4.5, real SSH servers): discovery, the
 * checks that refuse bad input with a field-level message while storing nothing, and secrets that never leave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterRegistryIT extends PanelWithLab {

    @Autowired
    LabClusterManager labManager;

    Api admin;
    LabCluster practice;
    Long clusterId;

    @BeforeAll
    void practiceCluster() {
        clusterId = sharedCluster();
        practice = labManager.find(sharedLabId()).orElseThrow();
        admin = new Api(baseUrl(), "admin", ADMIN_PASSWORD);
    }

    private LabMember core(int i) {
        return practice.cores().get(i);
    }

    /** A valid registration of the practice cluster under another name; tests break one thing at a time. */
    private String clusterJson(String name, String bolt, String key, String fingerprint) {
        LabMember m = core(0);
        return "{\"name\":" + q(name) + ",\"boltUri\":" + q(bolt) + ",\"auth\":\"NONE\",\"servers\":[{"
                + "\"address\":" + q(m.address()) + ",\"role\":\"CORE\",\"sshPort\":" + m.sshPort() + ",\"sshUser\":" + q(practice.sshUser())
                + ",\"privateKey\":" + q(key) + ",\"useSudo\":false,\"hostKeyFingerprint\":" + q(fingerprint)
                + ",\"installType\":\"TARBALL\",\"neo4jHome\":" + q(m.neo4jHome().toString())
                + ",\"confDir\":" + q(m.neo4jHome() + "/conf") + ",\"dataDir\":" + q(m.neo4jHome() + "/data") + "}]}";
    }

    private int clusterCount() {
        List<?> all = admin.get("/api/clusters").read("$");
        return all.size();
    }

    @Test
    @DisplayName("discovery proposes the 3 servers with their roles and version")
    void discovery() {
        Api.Response r = admin.post("/api/clusters/discover", "{\"boltUri\":" + q(core(1).bolt().toString()) + "}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.<String>read("$.version")).isEqualTo("3.4.5");
        List<Map<String, Object>> servers = r.read("$.servers");
        assertThat(servers).extracting(s -> s.get("address")).containsExactlyInAnyOrderElementsOf(
                practice.cores().stream().map(LabMember::address).toList());
        assertThat(servers).extracting(s -> s.get("overviewRole")).containsExactlyInAnyOrder("LEADER", "FOLLOWER", "FOLLOWER");
        assertThat(servers).extracting(s -> s.get("role")).containsOnly("CORE");
        assertThat(servers).extracting(s -> s.get("version")).containsOnly("3.4.5");
    }

    @Test
    @DisplayName("the practice cluster is registered with pinned host keys and no secret in the JSON")
    void labClusterRegistered() {
        Api.Response r = admin.get("/api/clusters/" + clusterId);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.<List<String>>read("$.servers[*].hostKeyFingerprint"))
                .containsExactlyInAnyOrderElementsOf(practice.members().stream().map(LabMember::hostKeyFingerprint).toList());
        assertThat(r.<List<Boolean>>read("$.servers[*].hasPrivateKey")).containsOnly(true);
        assertThat(r.body()).doesNotContain(keyBody()).doesNotContain("PRIVATE KEY");
    }

    @Test
    @DisplayName("a valid registration is stored, audited once, and can be deleted")
    void createAndDelete() {
        int before = clusterCount();
        Api.Response created = admin.post("/api/clusters", clusterJson("registry-it-valid", core(0).bolt().toString(),
                practice.privateKeyPem(), core(0).hostKeyFingerprint()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Integer id = created.read("$.id");
        assertThat(clusterCount()).isEqualTo(before + 1);

        assertThat(admin.delete("/api/clusters/" + id).status()).isEqualTo(204);
        assertThat(clusterCount()).isEqualTo(before);
    }

    @Test
    void duplicateNameIsRefusedAndNothingStored() {
        String existing = admin.get("/api/clusters/" + clusterId).read("$.name");
        assertRefused(clusterJson(existing.toUpperCase(), core(0).bolt().toString(), practice.privateKeyPem(),
                core(0).hostKeyFingerprint()), "name", "already exists");
    }

    @Test
    void malformedBoltUriIsRefused() {
        assertRefused(clusterJson("registry-it-bad-uri", "http://" + core(0).address() + ":7474", practice.privateKeyPem(),
                core(0).hostKeyFingerprint()), "boltUri", "not a Bolt address");
    }

    @Test
    @DisplayName("an unreachable Bolt address is refused within 10 s with a clear message")
    void unreachableBolt() {
        long started = System.nanoTime();
        assertRefused(clusterJson("registry-it-unreachable", "bolt://127.0.0.250:7687", practice.privateKeyPem(),
                core(0).hostKeyFingerprint()), "boltUri", "unreachable");
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThanOrEqualTo(10_000);
    }

    @Test
    void privateKeyThatDoesNotParseIsRefused() {
        assertRefused(clusterJson("registry-it-bad-key", core(0).bolt().toString(),
                "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAAbm90IGEga2V5\n-----END OPENSSH PRIVATE KEY-----",
                core(0).hostKeyFingerprint()), "servers[0].privateKey", "private key");
    }

    @Test
    @DisplayName("a host key other than the confirmed one is refused: never accept any key")
    void hostKeyMismatchIsRefused() {
        String otherHostsKey = core(1).hostKeyFingerprint();
        assertRefused(clusterJson("registry-it-mismatch", core(0).bolt().toString(), practice.privateKeyPem(), otherHostsKey),
                "servers[0].hostKeyFingerprint", "mismatch");
    }

    @Test
    void markupInTextFieldsIsRefused() {
        String payload = "<script>alert(1)</script>";
        Api.Response r = admin.post("/api/clusters", "{\"name\":" + q(payload) + ",\"boltUri\":" + q(payload)
                + ",\"auth\":\"BASIC\",\"neo4jUsername\":" + q(payload) + ",\"neo4jPassword\":\"x\",\"servers\":[{\"address\":"
                + q(payload) + ",\"role\":\"CORE\",\"sshPort\":22,\"sshUser\":" + q(payload) + ",\"password\":\"x\","
                + "\"hostKeyFingerprint\":" + q(payload) + ",\"installType\":\"TARBALL\",\"neo4jHome\":" + q("/opt/" + payload)
                + ",\"confDir\":" + q("/" + payload) + ",\"dataDir\":" + q("/" + payload) + "}]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.<List<String>>read("$.errors[*].field")).contains("name", "boltUri", "neo4jUsername",
                "servers[0].address", "servers[0].sshUser", "servers[0].hostKeyFingerprint", "servers[0].neo4jHome",
                "servers[0].confDir", "servers[0].dataDir");
    }

    @Test
    @DisplayName("the SSH key is nowhere: not in the H2 file, not in any rendered JSON")
    void secretsStayEncrypted() throws IOException {
        Path dbFile;
        try (Stream<Path> files = Files.list(DATA_DIR)) {
            dbFile = files.filter(p -> p.getFileName().toString().endsWith(".mv.db")).findFirst().orElseThrow();
        }
        String db = new String(Files.readAllBytes(dbFile), java.nio.charset.StandardCharsets.ISO_8859_1);
        String name = admin.get("/api/clusters/" + clusterId).read("$.name");
        assertThat(db).as("the H2 file is the one the panel writes").contains(name);
        assertThat(db).doesNotContain(keyBody());
        assertThat(admin.get("/api/clusters").body()).doesNotContain(keyBody());
        String log = Files.readString(LOG_FILE);
        assertThat(log).as("the log file is the panel's").contains("Started");
        assertThat(log).doesNotContain(keyBody()).doesNotContain("PRIVATE KEY");
    }

    @Test
    @DisplayName("the panel is healthy without signing in; the API needs credentials")
    void healthAndAuthentication() {
        Api anonymous = new Api(baseUrl(), "nobody", "wrong-password-1");
        assertThat(anonymous.get("/actuator/health").body()).contains("\"status\":\"UP\"");
        assertThat(anonymous.get("/api/clusters").status()).isEqualTo(401);
    }

    @AfterAll
    void auditChainStillVerifies() {
        Api.Response verify = admin.get("/api/audit/verify");
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.<Boolean>read("$.intact")).as(verify.body()).isTrue();
        assertThat(verify.<Integer>read("$.checked")).isGreaterThan(0);
    }

    /** A line from the middle of the key's base64 body: any copy of the key material contains it. */
    private String keyBody() {
        String[] lines = practice.privateKeyPem().strip().split("\n");
        return lines[lines.length / 2];
    }

    private void assertRefused(String json, String field, String messagePart) {
        int before = clusterCount();
        Api.Response r = admin.post("/api/clusters", json);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        List<String> messages = r.read("$.errors[?(@.field == '" + field + "')].message");
        assertThat(messages).as(r.body()).hasSize(1);
        assertThat(messages.get(0)).containsIgnoringCase(messagePart);
        assertThat(clusterCount()).as("nothing stored").isEqualTo(before);
    }
}
