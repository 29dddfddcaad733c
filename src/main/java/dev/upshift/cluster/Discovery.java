package dev.upshift.cluster;

import java.util.List;

/**
 * What {@code dbms.cluster.overview()} and {@code dbms.components()} say about a cluster, proposed as servers.
 *
 * @param version the version the queried member reports; each server carries its own too
 */
public record Discovery(String version, String edition, List<DiscoveredServer> servers) {

    public record DiscoveredServer(String address, String overviewRole, ServerRole role, String boltUri, String version) {
    }
}
