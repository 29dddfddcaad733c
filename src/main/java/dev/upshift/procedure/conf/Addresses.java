package dev.upshift.procedure.conf;

import java.util.Set;
import java.util.regex.Pattern;

/** The address settings of a 3.x neo4j.conf and how to read and rewrite their host part. */
final class Addresses {

    private static final Pattern CONNECTOR_ADVERTISED = Pattern.compile("dbms\\.connector\\.[^.]+\\.advertised_address");
    private static final Pattern CONNECTOR_LISTEN = Pattern.compile("dbms\\.connector\\.[^.]+\\.(listen_address|address)");
    private static final Set<String> ADVERTISED = Set.of(
            "dbms.connectors.default_advertised_address",
            "causal_clustering.discovery_advertised_address",
            "causal_clustering.transaction_advertised_address",
            "causal_clustering.raft_advertised_address");
    private static final Set<String> LISTEN = Set.of(
            "dbms.connectors.default_listen_address",
            "causal_clustering.discovery_listen_address",
            "causal_clustering.transaction_listen_address",
            "causal_clustering.raft_listen_address",
            "dbms.backup.address");
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    private Addresses() {
    }

    /** Where other members and clients reach this server: it must be this server's address. */
    static boolean isAdvertised(String key) {
        return ADVERTISED.contains(key) || CONNECTOR_ADVERTISED.matcher(key).matches();
    }

    /** Where this server binds: a wildcard, loopback or its own address. */
    static boolean isListen(String key) {
        return LISTEN.contains(key) || CONNECTOR_LISTEN.matcher(key).matches();
    }

    static boolean isWildcard(String host) {
        return WILDCARDS.contains(host);
    }

    static boolean isLoopback(String host) {
        return LOOPBACK.contains(host);
    }

    /** The host of {@code host}, {@code host:port} or {@code :port} (empty when only a port is given). */
    static String host(String value) {
        String v = value.trim();
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            return end > 0 ? v.substring(0, end + 1) : v;
        }
        int colon = v.lastIndexOf(':');
        return colon >= 0 ? v.substring(0, colon) : v;
    }

    /** The value with its host replaced, port kept. */
    static String withHost(String value, String host) {
        String v = value.trim();
        String old = host(v);
        return host + v.substring(old.length());
    }
}
