package dev.upshift.lab;

/**
 * The cluster registry's answer to {@link LabClusterReady}: the id under which it registered the lab cluster. The
 * registry publishes it (or returns it from its {@code @EventListener}); the lab shows it as {@code clusterId}.
 */
public record LabClusterRegistered(String labId, String clusterId) {
}
