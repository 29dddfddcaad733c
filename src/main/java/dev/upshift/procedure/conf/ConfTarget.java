package dev.upshift.procedure.conf;

import dev.upshift.procedure.ConfToPrepare;
import dev.upshift.procedure.ConfVariant;
import dev.upshift.procedure.Neo4jVersion;
import dev.upshift.procedure.Plan;
import dev.upshift.procedure.ServerRole;

/**
 * The server a conf is for, and which of its prepared confs.
 *
 * @param address         the host this server advertises
 * @param previousAddress the host the current conf was written for, when it differs (a rolling-replaceable
 *                        replacement starts from the conf of the member it replaces); null otherwise
 */
public record ConfTarget(Neo4jVersion source, Neo4jVersion target, ServerRole role, String address,
                         String previousAddress, ConfVariant variant) {

    public static ConfTarget of(String source, String target, ServerRole role, String address, ConfVariant variant) {
        return new ConfTarget(Neo4jVersion.parse(source), Neo4jVersion.parse(target), role, address, null, variant);
    }

    /** The target of one of the confs a plan installs ({@link Plan#confs()}). */
    public static ConfTarget of(Plan plan, ConfToPrepare conf) {
        String previous = conf.basedOnAddress().equals(conf.address()) ? null : conf.basedOnAddress();
        return new ConfTarget(plan.source(), plan.target(), conf.role(), conf.address(), previous, conf.variant());
    }

    public ConfTarget replacing(String previous) {
        return new ConfTarget(source, target, role, address, previous, variant);
    }
}
