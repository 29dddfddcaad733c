package dev.upshift.procedure.conf;

/**
 * A setting renamed, deprecated or removed in a release line (from {@code procedure/conf-changes.tsv}).
 *
 * @param line        the release line where it changed, e.g. {@code 3.4}
 * @param replacement what to use instead (for RENAMED: the new key), or null
 * @param source      how the fact was established
 */
public record ConfChange(Kind kind, String key, String line, String replacement, String source) {

    public enum Kind { RENAMED, DEPRECATED, REMOVED }
}
