package dev.upshift.procedure;

import java.util.List;

/**
 * An ordered, checked plan for upgrading one cluster. Nothing in it has run.
 *
 * @param expectedStoreFormat what the store must report after the upgrade, e.g. {@code StandardV3_4[v0.A.9]}
 * @param seedServer          offline: the core that upgrades the store; null for rolling
 * @param acknowledgements    what the operator must acknowledge when starting (API names, e.g. {@code no-downgrade})
 * @param advisories          what the operator should know (from the path rules)
 * @param confs               the neo4j.conf files the plan installs, each to be derived, reviewed and accepted
 */
public record Plan(Method method, Neo4jVersion source, Neo4jVersion target, String expectedStoreFormat,
                   String seedServer, List<PlanPhase> phases, List<String> acknowledgements, List<String> advisories,
                   List<ConfToPrepare> confs) {

    public Plan {
        phases = List.copyOf(phases);
        confs = List.copyOf(confs);
        acknowledgements = List.copyOf(acknowledgements);
        advisories = List.copyOf(advisories);
    }

    /** Every step in execution order. */
    public List<PlannedStep> steps() {
        return phases.stream().flatMap(p -> p.steps().stream()).toList();
    }

    /** Every step's key in execution order (skipped steps included). */
    public List<StepKey> keys() {
        return steps().stream().map(PlannedStep::key).toList();
    }

    /** The steps of one server (not the cluster-wide ones), in order. */
    public List<PlannedStep> stepsOf(String server) {
        return steps().stream().filter(s -> server.equals(s.server())).toList();
    }
}
