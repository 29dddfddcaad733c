package dev.upshift.lab;

/** Published after a lab cluster was torn down (processes stopped, SSH servers closed, files deleted). */
public record LabClusterRemoved(String labId) {
}
