package dev.upshift.procedure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The release lines and releases Upshift knows, read from {@code procedure/versions.tsv} (facts with sources). */
public final class VersionTable {

    private static final String RESOURCE = "/procedure/versions.tsv";

    private final Map<String, ReleaseLine> lines;
    private final Map<Neo4jVersion, Neo4jVersion> rollingFrom;

    VersionTable(Map<String, ReleaseLine> lines, Map<Neo4jVersion, Neo4jVersion> rollingFrom) {
        this.lines = Map.copyOf(lines);
        this.rollingFrom = Map.copyOf(rollingFrom);
    }

    /** The table shipped with Upshift. */
    public static VersionTable standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final VersionTable STANDARD = load();
    }

    public Optional<ReleaseLine> line(String line) {
        return Optional.ofNullable(lines.get(line));
    }

    public Optional<ReleaseLine> lineOf(Neo4jVersion version) {
        return line(version.line());
    }

    public boolean isKnown(Neo4jVersion version) {
        return lineOf(version).map(l -> l.releases().contains(version)).orElse(false);
    }

    /** Release lines oldest first. */
    public List<ReleaseLine> lines() {
        return lines.values().stream().sorted((a, b) -> Neo4jVersion.parse(a.line() + ".0")
                .compareTo(Neo4jVersion.parse(b.line() + ".0"))).toList();
    }

    /** The lowest source a release's notes allow a rolling upgrade from, if its notes restrict it. */
    public Optional<Neo4jVersion> rollingFrom(Neo4jVersion target) {
        return Optional.ofNullable(rollingFrom.get(target));
    }

    private static VersionTable load() {
        Map<String, ReleaseLine> lines = new LinkedHashMap<>();
        Map<Neo4jVersion, Neo4jVersion> rollingFrom = new LinkedHashMap<>();
        try (InputStream in = VersionTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing classpath resource " + RESOURCE);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String row; (row = reader.readLine()) != null; ) {
                if (row.isBlank() || row.startsWith("#")) continue;
                String[] f = row.split("\t");
                switch (f[0]) {
                    case "line" -> lines.put(f[1], new ReleaseLine(f[1], f[2], f[3], "yes".equals(f[4]), range(f[5]), f[6]));
                    case "rolling-from" -> rollingFrom.put(Neo4jVersion.parse(f[1]), Neo4jVersion.parse(f[2]));
                    default -> throw new IllegalStateException("unknown row in " + RESOURCE + ": " + row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new VersionTable(lines, rollingFrom);
    }

    /** {@code 3.3.0-3.3.9} → every patch release in between. */
    private static List<Neo4jVersion> range(String text) {
        String[] ends = text.split("-");
        Neo4jVersion first = Neo4jVersion.parse(ends[0]);
        Neo4jVersion last = Neo4jVersion.parse(ends[1]);
        List<Neo4jVersion> all = new ArrayList<>();
        for (int p = first.patch(); p <= last.patch(); p++) {
            all.add(new Neo4jVersion(first.major(), first.minor(), p));
        }
        return all;
    }
}
