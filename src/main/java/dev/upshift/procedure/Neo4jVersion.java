package dev.upshift.procedure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Neo4j release number, e.g. {@code 3.4.6}. Ordered numerically, so 3.4.10 comes after 3.4.9. */
public record Neo4jVersion(int major, int minor, int patch) implements Comparable<Neo4jVersion> {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    public static Neo4jVersion parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Neo4j version (major.minor.patch): " + text);
        }
        return new Neo4jVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /** The release line, e.g. {@code 3.4} for 3.4.6. */
    public String line() {
        return major + "." + minor;
    }

    public boolean sameLineAs(Neo4jVersion other) {
        return major == other.major && minor == other.minor;
    }

    @Override
    public int compareTo(Neo4jVersion o) {
        if (major != o.major) return Integer.compare(major, o.major);
        if (minor != o.minor) return Integer.compare(minor, o.minor);
        return Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
