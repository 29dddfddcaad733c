package dev.upshift.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AuditDetailsTest {

    @Test
    void writesCanonicalJsonWithSortedKeysAtEveryLevel() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("zeta", 1);
        details.put("alpha", Map.of("y", true, "b", List.of(2, "x")));
        details.put("mid", null);
        assertThat(AuditDetails.toJson(details))
                .isEqualTo("{\"alpha\":{\"b\":[2,\"x\"],\"y\":true},\"mid\":null,\"zeta\":1}");
        assertThat(AuditDetails.toJson(null)).isEqualTo("{}");
    }

    @Test
    void escapesStrings() {
        assertThat(AuditDetails.toJson(Map.of("name", "a\"b\\c\n<script>\u0001")))
                .isEqualTo("{\"name\":\"a\\\"b\\\\c\\n<script>\\u0001\"}");
    }

    @Test
    void redactsSecretsByKeyAtAnyDepth() {
        Map<String, Object> details = Map.of(
                "password", "hunter2-hunter2",
                "sshPrivateKey", "AAAA",
                "neo4j_password", "x",
                "nested", Map.of("apiToken", "t0k3n", "host", "db1"),
                "servers", List.of(Map.of("sudoPassword", "p", "address", "10.0.0.1")),
                "Client-Secret", "s");
        String json = AuditDetails.toJson(details);
        assertThat(json).doesNotContain("hunter2", "AAAA", "t0k3n", "\"p\"", "\"s\"", ":\"x\"")
                .contains("\"host\":\"db1\"", "\"address\":\"10.0.0.1\"", "\"password\":\"[redacted]\"",
                        "\"sshPrivateKey\":\"[redacted]\"", "\"apiToken\":\"[redacted]\"");
    }

    @Test
    void redactsKeyMaterialUnderAnyKey() {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----";
        assertThat(AuditDetails.toJson(Map.of("note", pem, "buffer", "x".toCharArray())))
                .isEqualTo("{\"buffer\":\"[redacted]\",\"note\":\"[redacted]\"}");
    }

    @Test
    void refusesHugeDetails() {
        assertThatThrownBy(() -> AuditDetails.toJson(Map.of("log", "x".repeat(70_000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too long");
    }
}
