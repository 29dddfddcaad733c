package dev.upshift.cluster;

import java.util.Map;

/**
 * Input the registry refused, with one message per field (paths as the form names them: {@code name},
 * {@code boltUri}, {@code servers[1].privateKey}). Nothing was stored.
 */
public class ClusterValidationException extends RuntimeException {

    private final Map<String, String> fieldErrors;

    public ClusterValidationException(Map<String, String> fieldErrors) {
        super("Invalid cluster: " + fieldErrors);
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
