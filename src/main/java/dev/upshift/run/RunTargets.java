package dev.upshift.run;

import dev.upshift.neo4j.BoltEndpoint;
import dev.upshift.remote.SshTarget;

/** How the engine reaches one server of a run's cluster (secrets decrypted in memory). An interface for the unit tests. */
public interface RunTargets {

    SshTarget ssh(Long clusterId, String address);

    BoltEndpoint bolt(Long clusterId, String address);
}
