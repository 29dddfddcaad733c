package dev.upshift.procedure;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The procedure of Operations Manual 5.3 as data: per {@link StepKey}, the manual's text, its section, the part
 * of the procedure, who acts by default and whether it can be retried safely. The texts are kept in
 * {@code procedure/steps.properties} so they read like the manual, not like Java.
 */
public final class ProcedureCatalogue {

    private static final String RESOURCE = "/procedure/steps.properties";

    private final Map<StepKey, StepDefinition> steps;

    private ProcedureCatalogue(Map<StepKey, StepDefinition> steps) {
        this.steps = steps;
    }

    public static ProcedureCatalogue standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final ProcedureCatalogue STANDARD = load();
    }

    public StepDefinition step(StepKey key) {
        return steps.get(key);
    }

    /** Every step, in the order of the manual. */
    public List<StepDefinition> all() {
        return Arrays.stream(StepKey.values()).map(steps::get).toList();
    }

    public List<StepDefinition> part(ProcedurePart part) {
        return all().stream().filter(s -> s.part() == part).toList();
    }

    private static ProcedureCatalogue load() {
        Properties p = new Properties();
        try (InputStream in = ProcedureCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing classpath resource " + RESOURCE);
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<StepKey, StepDefinition> steps = new EnumMap<>(StepKey.class);
        for (StepKey key : StepKey.values()) {
            steps.put(key, new StepDefinition(key,
                    required(p, key, "section"),
                    ProcedurePart.valueOf(required(p, key, "part")),
                    Actor.valueOf(required(p, key, "actor")),
                    Boolean.parseBoolean(required(p, key, "retrySafe")),
                    required(p, key, "text"),
                    required(p, key, "verifiedBy")));
        }
        return new ProcedureCatalogue(steps);
    }

    private static String required(Properties p, StepKey key, String field) {
        String value = p.getProperty(key.name() + "." + field);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(RESOURCE + " lacks " + key.name() + "." + field);
        }
        return value.trim();
    }
}
