package dev.upshift.procedure.conf;

import java.util.List;

/**
 * A prepared neo4j.conf for one server: the file, what the derivation did and why, and the diff against the
 * current file.
 */
public record DerivedConf(NeoConf conf, List<ConfFlag> flags, ConfDiff diff) {

    public DerivedConf {
        flags = List.copyOf(flags);
    }
}
