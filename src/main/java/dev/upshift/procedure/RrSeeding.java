package dev.upshift.procedure;

/** How an offline-upgraded read replica gets the upgraded database (5.3.3 5f). */
public enum RrSeeding {
    /** Load the seed core's dump with neo4j-admin load. */
    LOAD,
    /** Skip the load and let the read replica make a full store copy from the cores when it starts. */
    STORE_COPY
}
