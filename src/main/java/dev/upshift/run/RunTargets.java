package dev.upshift.run;

import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.remote.SshTarget;

/**
 * How the engine reaches one server of a run's cluster (secrets decrypted in memory), and where the registry says its
 * installation is. An interface for the unit tests.
 */
public interface RunTargets {

    SshTarget ssh(Long clusterId, String address);

    BoltEndpoint bolt(Long clusterId, String address);

    /** The server runs Neo4j from a new installation now (its run succeeded): the registry records the new paths. */
    void relocated(Long clusterId, String address, String neo4jHome, String confDir, String dataDir, Long runId);
}
