package dev.upshift.procedure.conf;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NeoConfTest {

    @Test
    void anUnchangedFileRendersByteForByte() {
        String text = "# comment\n\n  dbms.mode = CORE\nnot a setting\r\ndbms.jvm.additional=-Xss2m\n";
        NeoConf conf = NeoConf.parse(text);
        assertThat(conf.render()).isEqualTo(text.replace("\r\n", "\n"));
        assertThat(conf.get("dbms.mode")).contains("CORE");
        assertThat(conf.lines()).hasSize(5);
        assertThat(NeoConf.parse("a=1").render()).isEqualTo("a=1");
        assertThat(NeoConf.parse("").render()).isEmpty();
    }

    @Test
    void theLastOccurrenceWinsAndRepeatsAreKept() {
        NeoConf conf = NeoConf.parse(Confs.CORE_335);
        assertThat(conf.getAll("dbms.jvm.additional")).containsExactly("-XX:+UseG1GC", "-Dhazelcast.local.localAddress=10.0.0.11");
        assertThat(NeoConf.parse("k=1\nk=2\n").get("k")).contains("2");
    }

    @Test
    void setReplacesInPlaceOrGoesAfterTheCommentedDefaultOrAtTheEnd() {
        NeoConf conf = NeoConf.parse("#dbms.allow_upgrade=true\ndbms.mode=CORE\nx=1\n");
        assertThat(conf.set("dbms.mode", "SINGLE").render()).isEqualTo("#dbms.allow_upgrade=true\ndbms.mode=SINGLE\nx=1\n");
        assertThat(conf.set("dbms.allow_upgrade", "true").render())
                .isEqualTo("#dbms.allow_upgrade=true\ndbms.allow_upgrade=true\ndbms.mode=CORE\nx=1\n");
        assertThat(conf.set("y", "2").render()).isEqualTo("#dbms.allow_upgrade=true\ndbms.mode=CORE\nx=1\ny=2\n");
    }

    @Test
    void removeRenameAndCommentOut() {
        NeoConf conf = NeoConf.parse("a=1\nb=2\na=3\n");
        assertThat(conf.remove("a").render()).isEqualTo("b=2\n");
        assertThat(conf.rename("a", "c").render()).isEqualTo("c=1\nb=2\nc=3\n");
        assertThat(conf.commentOut("b", "gone").render()).isEqualTo("a=1\n# gone\n#b=2\na=3\n");
    }
}
