package dev.upshift.cluster;

/** Where a registered cluster came from: added by a person, or a practice cluster of the rehearsal lab. */
public enum ClusterOrigin { MANUAL, LAB }
