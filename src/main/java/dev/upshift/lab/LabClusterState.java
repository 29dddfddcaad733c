package dev.upshift.lab;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The mutable record of one lab cluster while the service tracks it; read through {@link LabClusterView}. */
final class LabClusterState {

    final String id;
    final LabClusterRequest request;
    final Instant createdAt = Instant.now();
    private final List<LabClusterView.Step> steps = new ArrayList<>();
    private LabStatus status = LabStatus.STARTING;
    private String message;
    private LabCluster cluster;
    private String clusterId;

    LabClusterState(String id, LabClusterRequest request) {
        this.id = id;
        this.request = request;
    }

    synchronized void step(String text) {
        steps.add(new LabClusterView.Step(Instant.now(), text));
        message = text;
    }

    synchronized void ready(LabCluster formed) {
        cluster = formed;
        status = LabStatus.READY;
        step("Ready: " + formed.members().size() + " members formed a cluster in " + formed.formationTime().toSeconds() + " s");
    }

    synchronized void failed(String why) {
        status = LabStatus.FAILED;
        steps.add(new LabClusterView.Step(Instant.now(), "Failed: " + why));
        message = why;
    }

    synchronized void registered(String registryId) {
        clusterId = registryId;
    }

    synchronized LabStatus status() {
        return status;
    }

    synchronized LabCluster cluster() {
        return cluster;
    }

    synchronized LabClusterView view(List<LabClusterView.MemberView> members) {
        return new LabClusterView(id, status, request.version(), request.cores(), request.readReplicas(), clusterId,
                members, message, List.copyOf(steps), createdAt,
                cluster != null && cluster.formationTime() != null ? cluster.formationTime().toSeconds() : null);
    }
}
