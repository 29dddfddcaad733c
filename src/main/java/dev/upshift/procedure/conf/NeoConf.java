package dev.upshift.procedure.conf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A neo4j.conf as lines: settings ({@code key=value}) and everything else (comments, blank lines) kept verbatim,
 * so rendering an unchanged file gives back the same bytes. Immutable: edits return a new conf.
 *
 * <p>Repeated keys are kept in place; for a repeated ordinary key the last one wins (as in Neo4j), while
 * {@code dbms.jvm.additional} is meant to repeat.
 */
public final class NeoConf {

    /** One line of the file. */
    public sealed interface Line permits Setting, Text {
        String raw();
    }

    /** {@code key=value}, with the line as written. */
    public record Setting(String key, String value, String raw) implements Line {
        static Setting of(String key, String value) {
            return new Setting(key, value, key + "=" + value);
        }
    }

    /** A comment, a blank line, or a line that is not a setting (the validator reports those). */
    public record Text(String raw) implements Line {
        public boolean isComment() {
            return raw.trim().startsWith("#");
        }

        public boolean isBlank() {
            return raw.isBlank();
        }
    }

    private final List<Line> lines;
    private final boolean trailingNewline;

    private NeoConf(List<Line> lines, boolean trailingNewline) {
        this.lines = List.copyOf(lines);
        this.trailingNewline = trailingNewline;
    }

    public static NeoConf parse(String text) {
        String normalized = text.replace("\r\n", "\n");
        boolean trailing = normalized.endsWith("\n");
        String body = trailing ? normalized.substring(0, normalized.length() - 1) : normalized;
        List<Line> lines = new ArrayList<>();
        if (!normalized.isEmpty()) {
            for (String raw : body.split("\n", -1)) lines.add(parseLine(raw));
        }
        return new NeoConf(lines, trailing || normalized.isEmpty());
    }

    private static Line parseLine(String raw) {
        String t = raw.trim();
        int eq = t.indexOf('=');
        if (t.isEmpty() || t.startsWith("#") || eq <= 0) return new Text(raw);
        return new Setting(t.substring(0, eq).trim(), t.substring(eq + 1).trim(), raw);
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) sb.append('\n');
            sb.append(lines.get(i).raw());
        }
        if (trailingNewline && !lines.isEmpty()) sb.append('\n');
        return sb.toString();
    }

    public List<Line> lines() {
        return lines;
    }

    public List<Setting> settings() {
        return lines.stream().filter(l -> l instanceof Setting).map(l -> (Setting) l).toList();
    }

    /** The effective value: the last occurrence. */
    public Optional<String> get(String key) {
        List<String> all = getAll(key);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public List<String> getAll(String key) {
        return settings().stream().filter(s -> s.key().equals(key)).map(Setting::value).toList();
    }

    public boolean contains(String key) {
        return !getAll(key).isEmpty();
    }

    /**
     * Sets a key: replaces its last occurrence in place; if absent, puts it right after a commented-out default
     * ({@code #key=...}, as the shipped neo4j.conf has them), else at the end.
     */
    public NeoConf set(String key, String value) {
        List<Line> copy = new ArrayList<>(lines);
        int last = lastIndexOf(key);
        if (last >= 0) {
            copy.set(last, Setting.of(key, value));
            return new NeoConf(copy, trailingNewline);
        }
        int commented = commentedDefault(key);
        if (commented >= 0) copy.add(commented + 1, Setting.of(key, value));
        else copy.add(Setting.of(key, value));
        return new NeoConf(copy, trailingNewline);
    }

    /** Removes every occurrence of a key. */
    public NeoConf remove(String key) {
        List<Line> copy = new ArrayList<>(lines);
        copy.removeIf(l -> l instanceof Setting s && s.key().equals(key));
        return new NeoConf(copy, trailingNewline);
    }

    /** Renames every occurrence of a key in place, keeping its value. */
    public NeoConf rename(String from, String to) {
        List<Line> copy = new ArrayList<>(lines.size());
        for (Line l : lines) {
            copy.add(l instanceof Setting s && s.key().equals(from) ? Setting.of(to, s.value()) : l);
        }
        return new NeoConf(copy, trailingNewline);
    }

    /** Comments out every occurrence of a key, with a note on the line above saying why. */
    public NeoConf commentOut(String key, String note) {
        List<Line> copy = new ArrayList<>();
        for (Line l : lines) {
            if (l instanceof Setting s && s.key().equals(key)) {
                copy.add(new Text("# " + note));
                copy.add(new Text("#" + s.raw().trim()));
            } else {
                copy.add(l);
            }
        }
        return new NeoConf(copy, trailingNewline);
    }

    /** Replaces the value of every occurrence of a key (used for repeated keys like dbms.jvm.additional). */
    NeoConf mapValues(String key, java.util.function.UnaryOperator<String> f) {
        List<Line> copy = new ArrayList<>(lines.size());
        for (Line l : lines) {
            if (l instanceof Setting s && s.key().equals(key)) {
                String v = f.apply(s.value());
                copy.add(v.equals(s.value()) ? l : Setting.of(key, v));
            } else {
                copy.add(l);
            }
        }
        return new NeoConf(copy, trailingNewline);
    }

    private int lastIndexOf(String key) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i) instanceof Setting s && s.key().equals(key)) return i;
        }
        return -1;
    }

    private int commentedDefault(String key) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String t = lines.get(i).raw().trim();
            if (t.startsWith("#") && t.substring(1).trim().startsWith(key + "=")) return i;
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeoConf c && c.render().equals(render());
    }

    @Override
    public int hashCode() {
        return render().hashCode();
    }

    @Override
    public String toString() {
        return render();
    }
}
