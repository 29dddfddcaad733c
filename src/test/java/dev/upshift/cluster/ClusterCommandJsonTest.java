package dev.upshift.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class ClusterCommandJsonTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    @DisplayName("the API's cluster body carries requiresApproval and webhookUrl; left out, they stay null (keep stored)")
    void approvalAndWebhookFromJson() {
        ClusterCommand given = JSON.readValue("{\"name\":\"prod\",\"boltUri\":\"bolt://10.0.0.5:7687\",\"auth\":\"NONE\","
                + "\"servers\":[],\"requiresApproval\":true,\"webhookUrl\":\"https://chat.example.com/hook\"}", ClusterCommand.class);
        assertThat(given.requiresApproval()).isTrue();
        assertThat(given.webhookUrl()).isEqualTo("https://chat.example.com/hook");

        ClusterCommand omitted = JSON.readValue("{\"name\":\"prod\",\"boltUri\":\"bolt://10.0.0.5:7687\",\"auth\":\"NONE\","
                + "\"servers\":[]}", ClusterCommand.class);
        assertThat(omitted.requiresApproval()).isNull();
        assertThat(omitted.webhookUrl()).isNull();
    }

    @Test
    @DisplayName("a server is a member unless the API says spare: true; spares are not counted as cores or replicas")
    void spareServersFromJson() {
        ClusterCommand given = JSON.readValue("{\"name\":\"prod\",\"boltUri\":\"bolt://10.0.0.5:7687\",\"auth\":\"NONE\","
                + "\"servers\":[{\"address\":\"10.0.0.5\",\"role\":\"CORE\"},"
                + "{\"address\":\"10.0.0.9\",\"role\":\"CORE\",\"spare\":true}]}", ClusterCommand.class);
        assertThat(given.servers()).extracting(ServerCommand::spare).containsExactly(false, true);

        ClusterDetails details = new ClusterDetails(1L, "prod", "bolt://10.0.0.5:7687", Neo4jAuth.NONE, null, ClusterOrigin.MANUAL,
                null, null, null, java.util.List.of(server("10.0.0.5", false), server("10.0.0.6", false), server("10.0.0.9", true)));
        assertThat(details.members()).extracting(ClusterDetails.ServerDetails::address).containsExactly("10.0.0.5", "10.0.0.6");
        assertThat(details.spares()).extracting(ClusterDetails.ServerDetails::address).containsExactly("10.0.0.9");
        assertThat(details.coreCount()).isEqualTo(2);
    }

    private static ClusterDetails.ServerDetails server(String address, boolean spare) {
        return new ClusterDetails.ServerDetails(1L, address, ServerRole.CORE, 22, "neo4j", true, false, false, "SHA256:x",
                "tarball", "/opt/neo4j", "/opt/neo4j/conf", "/opt/neo4j/data", spare);
    }
}
