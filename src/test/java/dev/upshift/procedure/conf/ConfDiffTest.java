package dev.upshift.procedure.conf;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class ConfDiffTest {

    @Test
    void linesAreNumberedInBothFilesAndRemovalsComeFirst() {
        ConfDiff diff = ConfDiff.between(NeoConf.parse("a=1\nb=2\nc=3\n"), NeoConf.parse("a=1\nb=20\nc=3\nd=4\n"));
        assertThat(diff.lines()).extracting(ConfDiff.DiffLine::op, ConfDiff.DiffLine::oldLine, ConfDiff.DiffLine::newLine,
                ConfDiff.DiffLine::text).containsExactly(
                tuple(ConfDiff.Op.SAME, 1, 1, "a=1"),
                tuple(ConfDiff.Op.REMOVED, 2, 0, "b=2"),
                tuple(ConfDiff.Op.ADDED, 0, 2, "b=20"),
                tuple(ConfDiff.Op.SAME, 3, 3, "c=3"),
                tuple(ConfDiff.Op.ADDED, 0, 4, "d=4"));
        assertThat(diff.changes()).extracting(ConfDiff.DiffLine::unified).containsExactly("-b=2", "+b=20", "+d=4");
    }

    @Test
    void identicalFilesHaveNoChanges() {
        NeoConf conf = NeoConf.parse(Confs.CORE_335);
        assertThat(ConfDiff.between(conf, conf).isEmpty()).isTrue();
        assertThat(ConfDiff.between(NeoConf.parse(""), NeoConf.parse("")).lines()).isEmpty();
    }
}
