package dev.upshift.lab;

import dev.upshift.lab.dist.DistributionBuilder;

/**
 * What a lab cluster should be: a Neo4j version, core members and read replicas.
 *
 * @param spares hosts prepared without a running member (SSH, the upgrade targets staged), to rehearse a rolling
 *               upgrade on replaceable resources: spare {@code i} has the role of member {@code i} (cores first)
 */
public record LabClusterRequest(String version, int cores, int readReplicas, int spares) {

    public LabClusterRequest(String version, int cores, int readReplicas) {
        this(version, cores, readReplicas, 0);
    }

    public int members() {
        return cores + readReplicas;
    }

    /** Every host the cluster needs: its members and its spares. */
    public int hosts() {
        return members() + spares;
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
        if (spares < 0 || spares > members()) {
            throw new LabException("Spare hosts replace members one for one: between 0 and " + members() + ", not " + spares);
        }
        if (hosts() > maxMembers) {
            throw new LabException("The lab allows at most " + maxMembers + " hosts per cluster; " + cores + " cores + "
                    + readReplicas + " read replicas + " + spares + " spares is " + hosts());
        }
    }
}
