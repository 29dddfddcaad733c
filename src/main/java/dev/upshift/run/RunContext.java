package dev.upshift.run;

import java.util.List;
import java.util.Map;

/**
 * What executing a step needs to know about its run, read once per step.
 *
 * @param servers per server address, as planned
 */
record RunContext(Long runId, Long clusterId, RunMode mode, String sourceVersion, String targetVersion,
                  String expectedStoreFormat, String seedServer, List<String> acknowledged,
                  Map<String, RunServer> servers) {

    RunServer server(String address) {
        RunServer s = servers.get(address);
        if (s == null) throw new IllegalStateException("Run " + runId + " has no server " + address);
        return s;
    }

    /** The cluster's members when the run was planned: every server but the replacements. */
    List<RunServer> members() {
        return servers.values().stream().filter(s -> !s.isReplacement()).toList();
    }

    /** The server that replaces {@code member} in a rolling upgrade on replaceable resources, if any. */
    java.util.Optional<RunServer> replacementOf(String member) {
        return servers.values().stream().filter(s -> member.equalsIgnoreCase(s.getReplaces())).findFirst();
    }

    long expectedCores() {
        return members().stream().filter(RunServer::isCore).count();
    }
}
