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
}
