package dev.upshift.run;

import java.time.Instant;
import java.util.List;

/** The prepared neo4j.conf files of one server of a run (FINAL, and SEED_UPGRADE for the offline seed). */
public record ConfView(Long runId, String server, List<Variant> variants) {

    /**
     * @param origin   DERIVED (by the panel from {@code original}) or EDITED (put by a person, validated)
     * @param original the server's conf as fetched when the panel derived this one
     */
    public record Variant(String variant, String origin, String sha256, String content, String original,
                          String acceptedBy, Instant acceptedAt) {
    }
}
