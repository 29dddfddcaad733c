package dev.upshift.procedure;

import java.util.List;

/**
 * One 3.x release line as {@code procedure/versions.tsv} describes it.
 *
 * @param line             e.g. {@code 3.4}
 * @param storeFormat      the standard record format a store of this line is written in, e.g. {@code StandardV3_4}
 * @param formatVersion    that format's version string as Neo4j logs it, e.g. {@code v0.A.9}
 * @param causalClustering whether the line has Causal Clustering at all (3.0 does not)
 * @param releases         the patch releases Upshift knows, oldest first
 * @param source           where the facts come from
 */
public record ReleaseLine(String line, String storeFormat, String formatVersion, boolean causalClustering,
                          List<Neo4jVersion> releases, String source) {

    public ReleaseLine {
        releases = List.copyOf(releases);
    }

    public Neo4jVersion latest() {
        return releases.get(releases.size() - 1);
    }

    /** As Neo4j's debug.log prints it: {@code StandardV3_4[v0.A.9]}. */
    public String storeFormatLabel() {
        return storeFormat + "[" + formatVersion + "]";
    }
}
