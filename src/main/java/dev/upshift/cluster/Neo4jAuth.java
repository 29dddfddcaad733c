package dev.upshift.cluster;

/** How the panel authenticates to Neo4j over Bolt. */
public enum Neo4jAuth { NONE, BASIC }
