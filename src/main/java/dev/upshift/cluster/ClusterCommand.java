package dev.upshift.cluster;

import java.util.List;

/**
 * What a person asks the registry to store. Secrets are plaintext here (in memory only, on their way to the
 * cipher); on an update an empty secret means "keep the stored one".
 */
public record ClusterCommand(String name, String boltUri, Neo4jAuth auth, String neo4jUsername, String neo4jPassword,
                             List<ServerCommand> servers) {

    @Override
    public String toString() {
        return "ClusterCommand[name=" + name + ", boltUri=" + boltUri + ", servers=" + servers + "]";
    }
}
