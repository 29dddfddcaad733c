package dev.upshift.lab;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabClusterRequestTest {

    @Test
    void aThreeCoreOneReplicaClusterIsFine() {
        assertThatCode(() -> new LabClusterRequest("3.4.5", 3, 1).validate(7)).doesNotThrowAnyException();
    }

    @Test
    void zeroCoresIsRefused() {
        assertThatThrownBy(() -> new LabClusterRequest("3.4.5", 0, 1).validate(7))
                .isInstanceOf(LabException.class).hasMessageContaining("at least 2 core members, not 0");
    }

    @Test
    void aNegativeReplicaCountIsRefused() {
        assertThatThrownBy(() -> new LabClusterRequest("3.4.5", 3, -1).validate(7))
                .isInstanceOf(LabException.class).hasMessageContaining("read replicas cannot be negative (-1)");
    }

    @Test
    void moreMembersThanTheLabAllowsIsRefused() {
        assertThatThrownBy(() -> new LabClusterRequest("3.4.5", 5, 3).validate(7))
                .isInstanceOf(LabException.class).hasMessageContaining("at most 7 members").hasMessageContaining("is 8");
    }

    @Test
    void sparesReplaceMembersOneForOneAndCountAsHosts() {
        new LabClusterRequest("3.4.5", 3, 0, 3).validate(7);
        assertThatThrownBy(() -> new LabClusterRequest("3.4.5", 3, 0, 4).validate(9))
                .isInstanceOf(LabException.class).hasMessageContaining("between 0 and 3, not 4");
        assertThatThrownBy(() -> new LabClusterRequest("3.4.5", 3, 1, 4).validate(7))
                .isInstanceOf(LabException.class).hasMessageContaining("at most 7 hosts").hasMessageContaining("is 8");
    }

    @Test
    void aVersionThatIsNotNeo4j3IsRefused() {
        assertThatThrownBy(() -> new LabClusterRequest("5.1.0", 3, 0).validate(7))
                .isInstanceOf(LabException.class).hasMessageContaining("3.x");
        assertThatThrownBy(() -> new LabClusterRequest("latest", 3, 0).validate(7))
                .isInstanceOf(LabException.class).hasMessageContaining("\"latest\"");
    }
}
