package dev.upshift.procedure;

import java.util.Arrays;

/** The three upgrade methods of Operations Manual 5.3, with the names the API uses. */
public enum Method {
    /** 5.3.2.1: servers are upgraded in place, one at a time. */
    ROLLING_FIXED("rolling-fixed", "5.3.2.1"),
    /** 5.3.2.2: a new instance joins before the old one is shut down. */
    ROLLING_REPLACEABLE("rolling-replaceable", "5.3.2.2"),
    /** 5.3.3: the whole cluster is stopped; one core upgrades the store, the others load its dump. */
    OFFLINE("offline", "5.3.3");

    private final String apiName;
    private final String section;

    Method(String apiName, String section) {
        this.apiName = apiName;
        this.section = section;
    }

    public String apiName() {
        return apiName;
    }

    public String section() {
        return section;
    }

    public boolean isRolling() {
        return this != OFFLINE;
    }

    public static Method fromApiName(String name) {
        return Arrays.stream(values()).filter(m -> m.apiName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown method '" + name
                        + "' (expected rolling-fixed, rolling-replaceable or offline)"));
    }
}
