package dev.upshift.procedure.conf;

/** neo4j.conf fixtures as a 3.3.5 lab core and read replica have them. */
final class Confs {

    private Confs() {
    }

    static final String CORE_335 = """
            # Neo4j configuration (lab core 1)
            dbms.directories.data=/srv/neo4j/data
            #dbms.mode=CORE
            dbms.mode=CORE
            dbms.memory.heap.max_size=512m
            dbms.memory.pagecache.size=32m

            # Network
            dbms.connectors.default_listen_address=0.0.0.0
            dbms.connectors.default_advertised_address=10.0.0.11
            dbms.connector.bolt.enabled=true
            dbms.connector.bolt.listen_address=:7687
            dbms.backup.address=10.0.0.11:6362

            causal_clustering.expected_core_cluster_size=3
            causal_clustering.initial_discovery_members=10.0.0.11:5000,10.0.0.12:5000,10.0.0.13:5000
            causal_clustering.discovery_listen_address=10.0.0.11:5000
            unsupported.dbms.gc_monitor_threshold=200ms
            unsupported.dbms.security.auth_max_failed_attempts=5
            dbms.jvm.additional=-XX:+UseG1GC
            dbms.jvm.additional=-Dhazelcast.local.localAddress=10.0.0.11
            """;
}
