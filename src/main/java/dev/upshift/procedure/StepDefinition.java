package dev.upshift.procedure;

/**
 * What the manual says about one step, independent of any cluster.
 *
 * @param section    the manual's reference, e.g. {@code 5.3.2.1 b}
 * @param text       the manual's instruction (English, from procedure.md)
 * @param verifiedBy what proves the step was done
 * @param retrySafe  whether running the step again after a failure does no harm
 */
public record StepDefinition(StepKey key, String section, ProcedurePart part, Actor actor, boolean retrySafe,
                             String text, String verifiedBy) {
}
