package dev.upshift.run;

import java.util.Locale;

/** AUTO: the panel runs each step's commands. MANUAL: the operator runs them and confirms; the panel still verifies. */
public enum RunMode {
    AUTO, MANUAL;

    public static RunMode fromApiName(String name) {
        if (name == null || name.isBlank()) return AUTO;
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RunRequestException("Unknown mode '" + name + "': use auto or manual.");
        }
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
