package dev.upshift.procedure;

/**
 * A neo4j.conf the plan will install, to be derived and accepted in PRE_PREPARE_CONF.
 *
 * @param server         the server it is for
 * @param basedOn        the server whose current neo4j.conf it starts from (the replaced member, for a replacement)
 * @param basedOnAddress that server's address (the deriver moves its hosts to {@code address} when they differ)
 */
public record ConfToPrepare(String server, ConfVariant variant, ServerRole role, String address, String basedOn,
                            String basedOnAddress) {
}
