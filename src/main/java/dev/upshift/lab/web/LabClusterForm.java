package dev.upshift.lab.web;

import dev.upshift.lab.LabClusterRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The "create practice cluster" input, from the page form or the API's JSON body. Only presence is checked here;
 * the lab itself says what is wrong with the numbers (it knows its limits).
 */
public record LabClusterForm(@NotBlank String version, @NotNull Integer cores, @NotNull Integer readReplicas,
                             Integer spares) {

    public static LabClusterForm defaults() {
        return new LabClusterForm("3.4.5", 3, 1, 0);
    }

    /** {@code spares} is optional: none unless asked for. */
    LabClusterRequest toRequest() {
        return new LabClusterRequest(version.strip(), cores, readReplicas, spares == null ? 0 : spares);
    }
}
