package dev.upshift.lab.web;

import dev.upshift.lab.LabClusterRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The "create practice cluster" input, from the page form or the API's JSON body. Only presence is checked here;
 * the lab itself says what is wrong with the numbers (it knows its limits).
 */
public record LabClusterForm(@NotBlank String version, @NotNull Integer cores, @NotNull Integer readReplicas) {

    public static LabClusterForm defaults() {
        return new LabClusterForm("3.4.5", 3, 1);
    }

    LabClusterRequest toRequest() {
        return new LabClusterRequest(version.strip(), cores, readReplicas);
    }
}
