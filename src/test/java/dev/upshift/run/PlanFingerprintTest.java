package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.upshift.run.PlanFingerprint.ConfPart;
import dev.upshift.run.PlanFingerprint.StepPart;

class PlanFingerprintTest {

    static final List<StepPart> STEPS = List.of(
            new StepPart(0, "PRE_BACKUP_CONF", null, "[{\"command\":\"cp neo4j.conf backup\"}]", false),
            new StepPart(1, "SRV_STOP", "10.0.0.1", "[{\"command\":\"bin/neo4j stop\"}]", false),
            new StepPart(2, "SRV_INSTALL", "10.0.0.1", "[{\"command\":\"tar xzf neo4j.tar.gz\"}]", false));
    static final List<ConfPart> CONFS = List.of(
            new ConfPart("10.0.0.1", "FINAL", "dbms.mode=CORE\n"),
            new ConfPart("10.0.0.2", "FINAL", "dbms.mode=CORE\n"));

    static String fingerprint(List<StepPart> steps, List<ConfPart> confs) {
        return PlanFingerprint.of("rolling-fixed", "3.4.6", steps, confs);
    }

    @Test
    @DisplayName("the same plan gives the same fingerprint, whatever order the rows were read in")
    void stable() {
        String first = fingerprint(STEPS, CONFS);
        assertThat(first).matches("[0-9a-f]{64}");
        assertThat(fingerprint(List.copyOf(STEPS), List.copyOf(CONFS))).isEqualTo(first);
        assertThat(fingerprint(List.of(STEPS.get(2), STEPS.get(0), STEPS.get(1)), List.of(CONFS.get(1), CONFS.get(0))))
                .isEqualTo(first);
    }

    @Test
    @DisplayName("a changed command changes the fingerprint")
    void commandChanged() {
        List<StepPart> changed = new ArrayList<>(STEPS);
        changed.set(1, new StepPart(1, "SRV_STOP", "10.0.0.1", "[{\"command\":\"bin/neo4j stop --force\"}]", false));
        assertThat(fingerprint(changed, CONFS)).isNotEqualTo(fingerprint(STEPS, CONFS));
    }

    @Test
    @DisplayName("a changed conf, an added conf or a conf of another server changes the fingerprint")
    void confChanged() {
        String before = fingerprint(STEPS, CONFS);
        assertThat(fingerprint(STEPS, List.of(CONFS.get(0), new ConfPart("10.0.0.2", "FINAL", "dbms.mode=CORE\n#\n"))))
                .isNotEqualTo(before);
        assertThat(fingerprint(STEPS, List.of(CONFS.get(0)))).isNotEqualTo(before);
        assertThat(fingerprint(STEPS, List.of(CONFS.get(0), new ConfPart("10.0.0.3", "FINAL", "dbms.mode=CORE\n"))))
                .isNotEqualTo(before);
    }

    @Test
    @DisplayName("reordered steps, a skipped step, another method or target version change the fingerprint")
    void planChanged() {
        String before = fingerprint(STEPS, CONFS);
        List<StepPart> reordered = List.of(STEPS.get(0),
                new StepPart(1, "SRV_INSTALL", "10.0.0.1", STEPS.get(2).commands(), false),
                new StepPart(2, "SRV_STOP", "10.0.0.1", STEPS.get(1).commands(), false));
        assertThat(fingerprint(reordered, CONFS)).isNotEqualTo(before);
        List<StepPart> skipped = List.of(STEPS.get(0), STEPS.get(1),
                new StepPart(2, "SRV_INSTALL", "10.0.0.1", STEPS.get(2).commands(), true));
        assertThat(fingerprint(skipped, CONFS)).isNotEqualTo(before);
        assertThat(PlanFingerprint.of("offline", "3.4.6", STEPS, CONFS)).isNotEqualTo(before);
        assertThat(PlanFingerprint.of("rolling-fixed", "3.4.7", STEPS, CONFS)).isNotEqualTo(before);
    }

    @Test
    @DisplayName("field boundaries count: moving text from one field to the next is another plan")
    void boundaries() {
        List<StepPart> a = List.of(new StepPart(0, "SRV_STOP", "10.0.0.1", "x", false));
        List<StepPart> b = List.of(new StepPart(0, "SRV_STOP", "10.0.0.1x", "", false));
        List<StepPart> c = List.of(new StepPart(0, "SRV_STOP", null, "x", false));
        List<StepPart> d = List.of(new StepPart(0, "SRV_STOP", "", "x", false));
        assertThat(fingerprint(a, List.of())).isNotEqualTo(fingerprint(b, List.of()));
        assertThat(fingerprint(c, List.of())).isNotEqualTo(fingerprint(d, List.of()));
    }
}
