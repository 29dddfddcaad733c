package dev.upshift.lab;

import java.net.URI;
import java.nio.file.Path;

/**
 * One lab host and the Neo4j member on it.
 *
 * @param number     1-based, in start order (cores first)
 * @param home       the SSH account's home on the host (where the tarball is unpacked)
 * @param neo4jHome  NEO4J_HOME of the member
 * @param hostKeyFingerprint the host's SSH key, as the panel pins it
 */
public record LabMember(int number, String address, Role role, Path home, Path neo4jHome, int sshPort,
                        String hostKeyFingerprint) {

    public enum Role { CORE, READ_REPLICA }

    /** The ports every member uses on its own address: discovery, transactions, raft, bolt, http, backup. */
    public static final int[] NEO4J_PORTS = {5000, 6000, 7000, 7687, 7474, 6362};

    public URI bolt() {
        return URI.create("bolt://" + address + ":7687");
    }

    public boolean isCore() {
        return role == Role.CORE;
    }

    public Path pidFile() {
        return neo4jHome.resolve("run/neo4j.pid");
    }
}
