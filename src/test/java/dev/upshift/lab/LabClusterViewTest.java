package dev.upshift.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class LabClusterViewTest {

    private static LabClusterView view(LabStatus status, String clusterId) {
        return new LabClusterView("lab-1", status, "3.4.5", 3, 0, clusterId, List.of(), "", List.of(), Instant.EPOCH, null);
    }

    @Test
    void theCardKeepsAskingUntilTheRegistryHasTheCluster() {
        assertThat(view(LabStatus.STARTING, null).settling()).isTrue();
        assertThat(view(LabStatus.READY, null).settling()).as("READY, not registered yet").isTrue();
        assertThat(view(LabStatus.READY, "7").settling()).isFalse();
        assertThat(view(LabStatus.FAILED, null).settling()).isFalse();
    }
}
