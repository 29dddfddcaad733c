package dev.upshift.procedure.conf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What Upshift knows about neo4j.conf per release line: the settings each line accepts
 * ({@code procedure/conf-keys-<line>.txt}, extracted from the jars) and the settings renamed, deprecated or removed
 * between lines ({@code procedure/conf-changes.tsv}).
 */
public final class ConfFacts {

    private static final ConfFacts STANDARD = new ConfFacts();

    private final List<ConfChange> changes = loadChanges();
    private final Map<String, Optional<KnownKeys>> keys = new ConcurrentHashMap<>();

    public static ConfFacts standard() {
        return STANDARD;
    }

    public List<ConfChange> changes() {
        return changes;
    }

    /** Changes that happened after {@code fromLine} up to and including {@code toLine}. */
    public List<ConfChange> changesBetween(String fromLine, String toLine) {
        return changes.stream().filter(c -> compareLines(c.line(), fromLine) > 0 && compareLines(c.line(), toLine) <= 0).toList();
    }

    /** The change a key went through on or before {@code line}, if any. */
    public Optional<ConfChange> changeOf(String key, String line) {
        return changes.stream().filter(c -> c.key().equals(key) && compareLines(c.line(), line) <= 0).findFirst();
    }

    /** The settings a line accepts, when Upshift has a list for it (3.3 and 3.4). */
    public Optional<KnownKeys> knownKeys(String line) {
        return keys.computeIfAbsent(line, ConfFacts::loadKeys);
    }

    /**
     * The settings of one release line; {@code <name>} in a listed key stands for any one name, and a key ending in
     * {@code .*} for any key under that prefix.
     */
    public static final class KnownKeys {
        private final Set<String> exact = new HashSet<>();
        private final List<Pattern> patterns = new ArrayList<>();
        private final List<String> all = new ArrayList<>();

        KnownKeys(List<String> keys) {
            for (String k : keys) {
                all.add(k);
                if (k.endsWith(".*")) {
                    patterns.add(Pattern.compile(Pattern.quote(k.substring(0, k.length() - 1)) + ".+"));
                } else if (k.contains("<")) {
                    patterns.add(Pattern.compile(Pattern.quote(k).replaceAll("<[^>]+>", "\\\\E[^.=]+\\\\Q")));
                } else {
                    exact.add(k);
                }
            }
        }

        public boolean contains(String key) {
            return exact.contains(key) || patterns.stream().anyMatch(p -> p.matcher(key).matches());
        }

        /** The listed key closest to a misspelt one, if it is within two edits. */
        public Optional<String> closest(String key) {
            String best = null;
            int bestDistance = 3;
            for (String k : exact) {
                int d = distance(key, k, bestDistance);
                if (d < bestDistance) {
                    best = k;
                    bestDistance = d;
                }
            }
            return Optional.ofNullable(best);
        }
    }

    static int compareLines(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        int c = Integer.compare(Integer.parseInt(pa[0]), Integer.parseInt(pb[0]));
        return c != 0 ? c : Integer.compare(Integer.parseInt(pa[1]), Integer.parseInt(pb[1]));
    }

    /** Levenshtein distance, giving up (returning {@code limit}) once it cannot be below it. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit) return limit;
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin >= limit) return limit;
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[b.length()], limit);
    }

    private static List<ConfChange> loadChanges() {
        List<ConfChange> list = new ArrayList<>();
        for (String row : read("/procedure/conf-changes.tsv").orElseThrow()) {
            String[] f = row.split("\t");
            list.add(new ConfChange(ConfChange.Kind.valueOf(f[0].toUpperCase()), f[1], f[2],
                    "-".equals(f[3]) ? null : f[3], f[4]));
        }
        return List.copyOf(list);
    }

    private static Optional<KnownKeys> loadKeys(String line) {
        return read("/procedure/conf-keys-" + line + ".txt").map(KnownKeys::new);
    }

    private static Optional<List<String>> read(String resource) {
        try (InputStream in = ConfFacts.class.getResourceAsStream(resource)) {
            if (in == null) return Optional.empty();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> rows = new ArrayList<>();
            for (String row; (row = r.readLine()) != null; ) {
                if (!row.isBlank() && !row.startsWith("#")) rows.add(row.trim());
            }
            return Optional.of(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
