package dev.upshift.procedure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

class VersionTableTest {

    private final VersionTable table = VersionTable.standard();

    @Test
    void everyLineWithItsStoreFormat() {
        assertThat(table.lines()).extracting(ReleaseLine::line, ReleaseLine::storeFormatLabel, ReleaseLine::causalClustering,
                l -> l.latest().toString()).containsExactly(
                tuple("3.0", "StandardV3_0[v0.A.7]", false, "3.0.12"),
                tuple("3.1", "StandardV3_0[v0.A.7]", true, "3.1.9"),
                tuple("3.2", "StandardV3_2[v0.A.8]", true, "3.2.14"),
                tuple("3.3", "StandardV3_2[v0.A.8]", true, "3.3.9"),
                tuple("3.4", "StandardV3_4[v0.A.9]", true, "3.4.18"));
    }

    @Test
    void releasesAreKnownByPatch() {
        assertThat(table.line("3.4").orElseThrow().releases()).hasSize(19).first().hasToString("3.4.0");
        assertThat(table.isKnown(Neo4jVersion.parse("3.3.5"))).isTrue();
        assertThat(table.isKnown(Neo4jVersion.parse("3.3.10"))).isFalse();
        assertThat(table.rollingFrom(Neo4jVersion.parse("3.1.8"))).contains(Neo4jVersion.parse("3.1.5"));
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(Neo4jVersion.parse("3.4.10")).isGreaterThan(Neo4jVersion.parse("3.4.9"));
        assertThat(Neo4jVersion.parse("3.4.6").line()).isEqualTo("3.4");
        assertThatThrownBy(() -> Neo4jVersion.parse("3.4")).isInstanceOf(IllegalArgumentException.class);
    }
}
