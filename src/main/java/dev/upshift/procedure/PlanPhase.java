package dev.upshift.procedure;

import java.util.List;

/**
 * An ordered group of steps.
 *
 * @param title  e.g. "Core core-2 (follower)"
 * @param server the server the phase is about, or null for cluster-wide phases
 */
public record PlanPhase(PhaseKind kind, String title, String server, List<PlannedStep> steps) {

    public PlanPhase {
        steps = List.copyOf(steps);
    }
}
