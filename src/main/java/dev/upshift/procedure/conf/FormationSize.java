package dev.upshift.procedure.conf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The core count a 3.4 cluster forms with. 3.4 sizes formation by {@code minimum_core_cluster_size_at_formation}
 * (default 3) and no longer reads the deprecated {@code expected_core_cluster_size} for it (measured in the lab: 2 cores
 * with only the old key never formed on 3.4.5). One place for the settings, used by the conf derivation and the lab.
 */
public final class FormationSize {

    public static final String EXPECTED_CORES = "causal_clustering.expected_core_cluster_size";
    public static final String AT_FORMATION = "causal_clustering.minimum_core_cluster_size_at_formation";
    public static final String AT_RUNTIME = "causal_clustering.minimum_core_cluster_size_at_runtime";

    private FormationSize() {
    }

    /** The 3.4 settings for {@code cores} core members (the runtime minimum stays at its default of 3 above that). */
    public static Map<String, String> settings(int cores) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(AT_FORMATION, Integer.toString(cores));
        s.put(AT_RUNTIME, Integer.toString(Math.min(cores, 3)));
        return s;
    }
}
