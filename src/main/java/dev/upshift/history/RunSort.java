package dev.upshift.history;

import java.util.Arrays;
import java.util.Locale;

/** What the runs list is ordered by; each column is tie-broken by the run id in the same direction. */
public enum RunSort {
    CREATED("created_at"), STARTED("started_at"), ENDED("ended_at"), CLUSTER("cluster_name"), STATUS("status");

    private final String column;

    RunSort(String column) {
        this.column = column;
    }

    /** The SQL column: a fixed name from this enum, never from the request. */
    String column() {
        return column;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static RunSort fromApiName(String name) {
        return Arrays.stream(values()).filter(s -> s.apiName().equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown sort '" + name + "': use one of "
                        + String.join(", ", Arrays.stream(values()).map(RunSort::apiName).toList()) + "."));
    }
}
