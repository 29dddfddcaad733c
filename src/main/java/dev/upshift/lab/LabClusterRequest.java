package dev.upshift.lab;

import dev.upshift.lab.dist.DistributionBuilder;

/** What a lab cluster should be: a Neo4j version, core members and read replicas. */
public record LabClusterRequest(String version, int cores, int readReplicas) {

    public int members() {
        return cores + readReplicas;
    }

    /** Checks the shape of the request (not whether the version exists); throws {@link LabException} naming the problem. */
    public void validate(int maxMembers) {
        DistributionBuilder.requireSupportedVersion(version);
        if (cores < 2) {
            throw new LabException("A causal cluster needs at least 2 core members, not " + cores);
        }
        if (readReplicas < 0) {
            throw new LabException("The number of read replicas cannot be negative (" + readReplicas + ")");
        }
        if (members() > maxMembers) {
            throw new LabException("The lab allows at most " + maxMembers + " members per cluster; " + cores + " cores + "
                    + readReplicas + " read replicas is " + members());
        }
    }
}
