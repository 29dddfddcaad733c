package dev.upshift.run;

import java.util.Comparator;
import java.util.List;

/**
 * The identity of a run's plan as an approver saw it: SHA-256 over the method, the target version, the ordered
 * steps (key, server, rendered commands, whether planned to be skipped) and the prepared {@code neo4j.conf}
 * contents. Any change to what would run — a conf put, a reorder, a skip, a new plan — gives another fingerprint,
 * so an approval is checked against the plan at start time instead of every writer having to void it.
 * Each field is length-prefixed, so no two different plans hash the same text.
 */
public final class PlanFingerprint {

    /** One step, at its position in the plan. */
    public record StepPart(int position, String key, String server, String commands, boolean skipped) {
    }

    /** One prepared conf of one server. */
    public record ConfPart(String server, String variant, String content) {
    }

    private PlanFingerprint() {
    }

    public static String of(String method, String targetVersion, List<StepPart> steps, List<ConfPart> confs) {
        StringBuilder text = new StringBuilder("upshift-plan-v1\n");
        field(text, "method", method);
        field(text, "target", targetVersion);
        steps.stream().sorted(Comparator.comparingInt(StepPart::position)).forEach(s -> {
            field(text, "step", String.valueOf(s.position()));
            field(text, "key", s.key());
            field(text, "server", s.server());
            field(text, "commands", s.commands());
            field(text, "skipped", String.valueOf(s.skipped()));
        });
        confs.stream().sorted(Comparator.comparing(ConfPart::server).thenComparing(ConfPart::variant)).forEach(c -> {
            field(text, "conf", c.server());
            field(text, "variant", c.variant());
            field(text, "content", c.content());
        });
        return Sha256.hex(text.toString());
    }

    private static void field(StringBuilder text, String name, String value) {
        String v = value == null ? "" : value;
        text.append(name).append(value == null ? '!' : ':').append(v.length()).append(':').append(v).append('\n');
    }
}
