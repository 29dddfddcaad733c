package dev.upshift.procedure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The path rules: which methods may take a Causal Cluster from a source to a target release.
 *
 * <ul>
 *   <li>Downgrades are refused: Neo4j does not support them (5.3.1, Limitations).</li>
 *   <li>Rolling (both variants) only between patch releases of one line and only when the store format does not
 *       change (5.3.2, Limitations); measured: a 3.4.6 member fails the handshake with a 3.3.5 cluster. A release
 *       whose notes restrict rolling onto it (versions.tsv {@code rolling-from}) is honoured.</li>
 *   <li>Offline is always available for a supported upward path (5.3.1, "Upgrade methods").</li>
 *   <li>House rule (conservative, stated in the refusal): one store-format migration per upgrade. The 3.4 store
 *       migrator is trusted from the format just before it (StandardV3_2, measured with 3.3.5 → 3.4.6); a longer
 *       jump goes through the latest release of the intermediate format's last line first, which also honours
 *       5.1's "upgrade to the latest version within the relevant release" before a minor upgrade.</li>
 *   <li>3.0 has no Causal Clustering, so section 5.3 cannot apply to it.</li>
 * </ul>
 */
public final class UpgradePaths {

    static final String NO_DOWNGRADE = "Neo4j does not support downgrades; a failed upgrade means a full rollback, "
            + "including restoring the pre-upgrade backup (Operations Manual 5.3.1, Limitations).";

    private final VersionTable versions;

    public UpgradePaths(VersionTable versions) {
        this.versions = versions;
    }

    public static UpgradePaths standard() {
        return new UpgradePaths(VersionTable.standard());
    }

    /** One answer per method, in the order of {@link Method#values()}. */
    public List<Eligibility> eligibility(Neo4jVersion source, Neo4jVersion target) {
        return Arrays.stream(Method.values()).map(m -> check(source, target, m)).toList();
    }

    public Eligibility check(Neo4jVersion source, Neo4jVersion target, Method method) {
        Optional<Eligibility> refusal = pathRefusal(source, target, method);
        if (refusal.isPresent()) return refusal.get();
        if (method.isRolling()) {
            Optional<Eligibility> rolling = rollingRefusal(source, target, method);
            if (rolling.isPresent()) return rolling.get();
        }
        return Eligibility.allowed(method, advisories(source, target));
    }

    /** Throws {@link PlanRefusedException} unless the method is allowed; returns the advisories otherwise. */
    public List<String> require(Neo4jVersion source, Neo4jVersion target, Method method) {
        Eligibility e = check(source, target, method);
        if (!e.allowed()) throw PlanRefusedException.of(e);
        return e.advisories();
    }

    private Optional<Eligibility> pathRefusal(Neo4jVersion source, Neo4jVersion target, Method method) {
        for (Neo4jVersion v : List.of(source, target)) {
            if (!versions.isKnown(v)) {
                return refuse(method, RefusalCode.UNKNOWN_VERSION, "Upshift has no facts (store format, path) for Neo4j "
                        + v + ": it knows " + knownRange() + ".", "Pick a known release, or add this one to "
                        + "procedure/versions.tsv with its store format and the source of that fact.");
            }
        }
        if (target.compareTo(source) < 0) {
            return refuse(method, RefusalCode.DOWNGRADE, NO_DOWNGRADE + " " + source + " → " + target + " is a downgrade.",
                    "To return to " + target + ", plan a rollback: reinstall " + target + " on every server, restore "
                            + "each neo4j.conf and data/dbms, and restore the database from the backup taken before "
                            + "the upgrade to " + source + ".");
        }
        if (target.equals(source)) {
            return refuse(method, RefusalCode.SAME_VERSION, "The cluster already runs " + source
                    + ": there is nothing to upgrade.", null);
        }
        ReleaseLine from = versions.lineOf(source).orElseThrow();
        ReleaseLine to = versions.lineOf(target).orElseThrow();
        if (!from.causalClustering() || !to.causalClustering()) {
            ReleaseLine without = from.causalClustering() ? to : from;
            return refuse(method, RefusalCode.NO_CAUSAL_CLUSTERING, "Neo4j " + without.line()
                    + " has no Causal Clustering (it arrived in 3.1), so section 5.3 does not apply to it.",
                    "Upgrade a 3.0 HA cluster with the HA upgrade procedure of its manual, then move to Causal "
                            + "Clustering as a separate operation (5.1: an upgrade is an isolated operation).");
        }
        List<String> formats = formats();
        int hops = formats.indexOf(to.storeFormat()) - formats.indexOf(from.storeFormat());
        if (hops > 1) {
            ReleaseLine via = lastLineWithFormat(formats.get(formats.indexOf(from.storeFormat()) + 1));
            return refuse(method, RefusalCode.UNSUPPORTED_PATH, source + " → " + target + " crosses " + hops
                    + " store format changes (" + String.join(" → ", formats.subList(formats.indexOf(from.storeFormat()),
                    formats.indexOf(to.storeFormat()) + 1)) + "); Upshift plans one store migration per upgrade, and "
                    + "5.1 asks for the latest release of a line before each minor upgrade.",
                    "Upgrade to " + via.line() + ".latest (" + via.latest() + ") first, then to " + target + ".");
        }
        return Optional.empty();
    }

    private Optional<Eligibility> rollingRefusal(Neo4jVersion source, Neo4jVersion target, Method method) {
        ReleaseLine from = versions.lineOf(source).orElseThrow();
        ReleaseLine to = versions.lineOf(target).orElseThrow();
        String limitation = "A rolling upgrade is supported only between patch releases, and only when no store "
                + "format upgrade is needed (Operations Manual 5.3.2, Limitations).";
        String offline = "Use the offline upgrade (5.3.3), which is always available.";
        if (!from.storeFormat().equals(to.storeFormat())) {
            return refuse(method, RefusalCode.ROLLING_STORE_FORMAT_CHANGE, limitation + " " + source + " → " + target
                    + " is not a patch release and changes the store format (" + from.storeFormatLabel() + " → "
                    + to.storeFormatLabel() + "). Measured: a " + target.line() + " member cannot join a " + source.line()
                    + " cluster (the handshake fails: Missing member attribute 'member_database_name').", offline);
        }
        if (!source.sameLineAs(target)) {
            return refuse(method, RefusalCode.ROLLING_NOT_PATCH_RELEASE, limitation + " " + source + " → " + target
                    + " crosses release lines (" + source.line() + " → " + target.line()
                    + "), so it is not a patch release.", offline);
        }
        Optional<Neo4jVersion> lowest = versions.rollingFrom(target);
        if (lowest.isPresent() && source.compareTo(lowest.get()) < 0) {
            return refuse(method, RefusalCode.ROLLING_BELOW_MINIMUM, "The release notes of " + target
                    + " support rolling upgrades onto it only from " + lowest.get() + " or newer; from " + source
                    + " a clean shutdown is required.", offline);
        }
        return Optional.empty();
    }

    private List<String> advisories(Neo4jVersion source, Neo4jVersion target) {
        List<String> notes = new ArrayList<>();
        ReleaseLine from = versions.lineOf(source).orElseThrow();
        ReleaseLine to = versions.lineOf(target).orElseThrow();
        if (!source.sameLineAs(target) && !source.equals(from.latest())) {
            notes.add("Operations Manual 5.1 asks that a cluster be on the latest release of its line before a minor "
                    + "upgrade (" + from.latest() + ", not " + source + "); a rolling upgrade to " + from.latest()
                    + " first is the documented route. (Measured: offline 3.3.5 → 3.4.6 works as documented.)");
        }
        if (!from.storeFormat().equals(to.storeFormat())) {
            notes.add("The store format changes (" + from.storeFormatLabel() + " → " + to.storeFormatLabel()
                    + "): the seed core needs dbms.allow_upgrade=true, and the format must be verified after the upgrade "
                    + "(a " + target.line() + " server started without it runs silently on the old format).");
        }
        return notes;
    }

    /** The distinct store formats, oldest first. */
    private List<String> formats() {
        return versions.lines().stream().map(ReleaseLine::storeFormat).distinct().toList();
    }

    private ReleaseLine lastLineWithFormat(String format) {
        List<ReleaseLine> with = versions.lines().stream().filter(l -> l.storeFormat().equals(format)).toList();
        return with.get(with.size() - 1);
    }

    private String knownRange() {
        return String.join(", ", versions.lines().stream()
                .map(l -> l.releases().get(0) + "–" + l.latest()).toList());
    }

    private static Optional<Eligibility> refuse(Method method, RefusalCode code, String reason, String route) {
        return Optional.of(Eligibility.refused(method, code, reason, route));
    }
}
