package dev.upshift.monitor;

import java.util.List;

import dev.upshift.neo4j.BoltEndpoint;

/**
 * What the monitor needs to poll one cluster: where to ask (every member, the registered one first) and which
 * servers are expected, so a missing one shows as missing rather than vanishing.
 */
public record MonitoredCluster(Long id, List<BoltEndpoint> endpoints, List<ExpectedServer> expected) {

    public record ExpectedServer(String address, String role) {
    }
}
