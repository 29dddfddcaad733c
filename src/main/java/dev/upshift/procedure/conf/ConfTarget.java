package dev.upshift.procedure.conf;

import dev.upshift.procedure.ConfVariant;
import dev.upshift.procedure.Neo4jVersion;
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

    public ConfTarget replacing(String previous) {
        return new ConfTarget(source, target, role, address, previous, variant);
    }
}
