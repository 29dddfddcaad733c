package dev.upshift.procedure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test topologies: three cores (core-2 leads) and one read replica, on tarballs or packages. */
final class Clusters {

    static final String OLD_HOME = "/opt/neo4j-3.4.5";
    static final String NEW_HOME = "/opt/neo4j-3.4.6";
    static final String ARCHIVE = "/tmp/neo4j-enterprise-3.4.6-unix.tar.gz";

    private Clusters() {
    }

    /** Listed out of address order on purpose: the planner must order them itself. */
    static List<ServerSpec> tarball(String home) {
        return List.of(
                ServerSpec.tarball("core-2", "10.0.0.12", ServerRole.LEADER, home),
                ServerSpec.tarball("rr-1", "10.0.0.21", ServerRole.READ_REPLICA, home),
                ServerSpec.tarball("core-3", "10.0.0.13", ServerRole.FOLLOWER, home),
                ServerSpec.tarball("core-1", "10.0.0.11", ServerRole.FOLLOWER, home));
    }

    static List<ServerSpec> tarball() {
        return tarball(OLD_HOME);
    }

    static List<ServerSpec> packaged(InstallType type) {
        return List.of(
                ServerSpec.packaged("core-1", "10.0.0.11", ServerRole.FOLLOWER, type),
                ServerSpec.packaged("core-2", "10.0.0.12", ServerRole.LEADER, type),
                ServerSpec.packaged("core-3", "10.0.0.13", ServerRole.FOLLOWER, type),
                ServerSpec.packaged("rr-1", "10.0.0.21", ServerRole.READ_REPLICA, type));
    }

    static Map<String, InstallDetails> tarballs(List<ServerSpec> servers, String newHome) {
        Map<String, InstallDetails> m = new LinkedHashMap<>();
        servers.forEach(s -> m.put(s.id(), InstallDetails.tarball(ARCHIVE, newHome)));
        return m;
    }

    static Map<String, InstallDetails> tarballs(List<ServerSpec> servers) {
        return tarballs(servers, NEW_HOME);
    }
}
