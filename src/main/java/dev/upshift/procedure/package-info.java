/**
 * The procedure of Operations Manual 5.3 "Upgrade a Causal Cluster" as code: plain Java, no Spring, no I/O beyond
 * its own classpath resources, nothing imported from the rest of Upshift.
 *
 * <ul>
 *   <li>{@link dev.upshift.procedure.ProcedureCatalogue}: per {@link dev.upshift.procedure.StepKey}, the manual's
 *       text, section, part, default {@link dev.upshift.procedure.Actor} and retry safety
 *       ({@code procedure/steps.properties}).</li>
 *   <li>{@link dev.upshift.procedure.VersionTable} and {@link dev.upshift.procedure.UpgradePaths}: the releases,
 *       their store formats ({@code procedure/versions.tsv}) and which {@link dev.upshift.procedure.Method} may take a
 *       cluster where ({@link dev.upshift.procedure.Eligibility}).</li>
 *   <li>{@link dev.upshift.procedure.Planner}: a {@link dev.upshift.procedure.PlanRequest} in, a
 *       {@link dev.upshift.procedure.Plan} out, or a {@link dev.upshift.procedure.PlanRefusedException}.</li>
 *   <li>{@code conf}: the per-server neo4j.conf a plan installs ({@link dev.upshift.procedure.Plan#confs()}):
 *       parse, derive for the target, diff, validate.</li>
 * </ul>
 */
package dev.upshift.procedure;
