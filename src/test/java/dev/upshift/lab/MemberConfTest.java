package dev.upshift.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class MemberConfTest {

    private static final String DEFAULTS = "#causal_clustering.expected_core_cluster_size=3\n#dbms.mode=CORE\n";
    private static final Path ROOT = Path.of("/lab");

    private static List<LabMember> cores(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> new LabMember(i, "127.0.0." + (40 + i),
                LabMember.Role.CORE, ROOT.resolve("h" + i), ROOT.resolve("h" + i + "/neo4j"), 2222, "SHA256:x")).toList();
    }

    private static String render(String version, List<LabMember> members) {
        return MemberConf.render(DEFAULTS, version, members.get(0), members, "lab-1", ROOT, LabProperties.defaults(ROOT, "127.0.0.41"));
    }

    @Test
    void twoCoresOn34FormWithTwo() {
        String conf = render("3.4.5", cores(2));
        assertThat(conf).contains("causal_clustering.expected_core_cluster_size=2\n",
                "causal_clustering.minimum_core_cluster_size_at_formation=2\n",
                "causal_clustering.minimum_core_cluster_size_at_runtime=2\n");
    }

    @Test
    void fiveCoresOn34KeepTheRuntimeDefaultOfThree() {
        assertThat(render("3.4.6", cores(5))).contains("causal_clustering.minimum_core_cluster_size_at_formation=5\n",
                "causal_clustering.minimum_core_cluster_size_at_runtime=3\n");
    }

    @Test
    void version33HasOnlyTheSettingItKnows() {
        String conf = render("3.3.5", cores(2));
        assertThat(conf).contains("causal_clustering.expected_core_cluster_size=2\n").doesNotContain("minimum_core_cluster_size");
    }
}
