package dev.upshift.cluster;

import java.util.List;

/**
 * What a person asks the registry to store. Secrets are plaintext here (in memory only, on their way to the
 * cipher); on an update an empty secret means "keep the stored one". {@code requiresApproval} and
 * {@code webhookUrl} left null keep what is stored (false and none on create); an empty webhook URL removes it.
 */
public record ClusterCommand(String name, String boltUri, Neo4jAuth auth, String neo4jUsername, String neo4jPassword,
                             List<ServerCommand> servers, Boolean requiresApproval, String webhookUrl) {

    public ClusterCommand(String name, String boltUri, Neo4jAuth auth, String neo4jUsername, String neo4jPassword,
                          List<ServerCommand> servers) {
        this(name, boltUri, auth, neo4jUsername, neo4jPassword, servers, null, null);
    }

    @Override
    public String toString() {
        return "ClusterCommand[name=" + name + ", boltUri=" + boltUri + ", servers=" + servers + ", requiresApproval="
                + requiresApproval + ", webhookUrl=" + webhookUrl + "]";
    }
}
