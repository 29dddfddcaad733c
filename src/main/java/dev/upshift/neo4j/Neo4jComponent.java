package dev.upshift.neo4j;

import java.util.List;

/** One row of {@code CALL dbms.components()}: e.g. name "Neo4j Kernel", versions ["3.4.5"], edition "enterprise". */
public record Neo4jComponent(String name, List<String> versions, String edition) {

    public String version() {
        return versions.isEmpty() ? null : versions.get(0);
    }
}
