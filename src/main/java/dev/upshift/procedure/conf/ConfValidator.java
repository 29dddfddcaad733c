package dev.upshift.procedure.conf;

import dev.upshift.procedure.ConfVariant;
import dev.upshift.procedure.conf.ConfProblem.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a prepared neo4j.conf before it is accepted: settings the target does not know (a near-miss of a known
 * key is an error, anything else a warning, since plugins have settings of their own), {@code dbms.mode} against the
 * server's role, {@code dbms.allow_upgrade} only in the offline seed's upgrade conf, addresses against the server's
 * address, and the discovery members a cluster member needs.
 */
public final class ConfValidator {

    private static final String MULTI = "dbms.jvm.additional";

    private final ConfFacts facts;

    public ConfValidator(ConfFacts facts) {
        this.facts = facts;
    }

    public static ConfValidator standard() {
        return new ConfValidator(ConfFacts.standard());
    }

    public List<ConfProblem> validate(NeoConf conf, ConfTarget t) {
        List<ConfProblem> problems = new ArrayList<>();
        keys(conf, t, problems);
        mode(conf, t, problems);
        allowUpgrade(conf, t, problems);
        addresses(conf, t, problems);
        if (!conf.contains("causal_clustering.initial_discovery_members") && t.variant() == ConfVariant.FINAL) {
            problems.add(new ConfProblem(Severity.ERROR, "causal_clustering.initial_discovery_members", 0,
                    "causal_clustering.initial_discovery_members is not set: the member cannot find the cluster."));
        }
        return problems;
    }

    /** Whether the conf can be accepted: no errors. */
    public static boolean acceptable(List<ConfProblem> problems) {
        return problems.stream().noneMatch(p -> p.severity() == Severity.ERROR);
    }

    private void keys(NeoConf conf, ConfTarget t, List<ConfProblem> problems) {
        String line = t.target().line();
        Optional<ConfFacts.KnownKeys> known = facts.knownKeys(line);
        if (known.isEmpty()) {
            problems.add(new ConfProblem(Severity.INFO, null, 0, "Upshift has no list of " + line
                    + " settings: setting names were not checked."));
        }
        Map<String, Integer> seen = new HashMap<>();
        int n = 0;
        for (NeoConf.Line l : conf.lines()) {
            n++;
            if (l instanceof NeoConf.Text text) {
                if (!text.isBlank() && !text.isComment()) {
                    problems.add(new ConfProblem(Severity.ERROR, null, n, "Not a setting (key=value) nor a comment: " + text.raw().trim()));
                }
                continue;
            }
            NeoConf.Setting s = (NeoConf.Setting) l;
            if (!MULTI.equals(s.key()) && seen.containsKey(s.key())) {
                problems.add(new ConfProblem(Severity.WARNING, s.key(), n, s.key() + " is set again (first on line "
                        + seen.get(s.key()) + "); the last one wins."));
            }
            seen.putIfAbsent(s.key(), n);
            Optional<ConfChange> change = facts.changeOf(s.key(), line);
            if (change.isPresent() && change.get().kind() == ConfChange.Kind.DEPRECATED) {
                problems.add(new ConfProblem(Severity.WARNING, s.key(), n, s.key() + " is deprecated in "
                        + change.get().line() + "; use " + change.get().replacement() + " (after the upgrade)."));
                continue;
            }
            if (change.isPresent()) {
                problems.add(new ConfProblem(Severity.ERROR, s.key(), n, s.key() + " is not a " + line + " setting"
                        + (change.get().kind() == ConfChange.Kind.RENAMED ? "; it is called " + change.get().replacement() : "")
                        + "."));
                continue;
            }
            if (known.isPresent() && !known.get().contains(s.key())) {
                Optional<String> closest = known.get().closest(s.key());
                if (closest.isPresent()) {
                    problems.add(new ConfProblem(Severity.ERROR, s.key(), n, s.key() + " is not a " + line
                            + " setting; did you mean " + closest.get() + "?"));
                } else {
                    problems.add(new ConfProblem(Severity.WARNING, s.key(), n, s.key() + " is not a known " + line
                            + " setting (fine for a plugin's setting; Neo4j ignores unknown settings)."));
                }
            }
        }
    }

    private static void mode(NeoConf conf, ConfTarget t, List<ConfProblem> problems) {
        String expected = t.variant() == ConfVariant.SEED_UPGRADE ? "SINGLE" : t.role().dbmsMode();
        Optional<String> mode = conf.get("dbms.mode");
        if (mode.isEmpty() || !mode.get().equals(expected)) {
            String why = t.variant() == ConfVariant.SEED_UPGRADE
                    ? "the offline seed core upgrades the store as a single instance (5.3.3 2a)"
                    : "this server is a " + (t.role().isCore() ? "core server" : "read replica")
                    + (mode.isEmpty() ? ", and without dbms.mode Neo4j starts as SINGLE" : "");
            problems.add(new ConfProblem(Severity.ERROR, "dbms.mode", lineOf(conf, "dbms.mode"),
                    "dbms.mode must be " + expected + " (is " + mode.orElse("not set") + "): " + why + "."));
        }
    }

    private static void allowUpgrade(NeoConf conf, ConfTarget t, List<ConfProblem> problems) {
        boolean allowed = "true".equalsIgnoreCase(conf.get("dbms.allow_upgrade").orElse(""))
                || "true".equalsIgnoreCase(conf.get("dbms.allow_format_migration").orElse(""));
        if (t.variant() == ConfVariant.SEED_UPGRADE && !allowed) {
            problems.add(new ConfProblem(Severity.ERROR, "dbms.allow_upgrade", lineOf(conf, "dbms.allow_upgrade"),
                    "dbms.allow_upgrade=true is required on the seed core: Neo4j does not upgrade the store without it, "
                            + "and a 3.4 server started on a 3.3 store runs silently on the old format (5.3.3 2b)."));
        }
        if (t.variant() == ConfVariant.FINAL && allowed) {
            problems.add(new ConfProblem(Severity.ERROR, "dbms.allow_upgrade", lineOf(conf, "dbms.allow_upgrade"),
                    "dbms.allow_upgrade=true belongs only in the offline seed core's upgrade conf and is reset after "
                            + "the store upgrade (5.3.3 2e): remove it."));
        }
    }

    private static void addresses(NeoConf conf, ConfTarget t, List<ConfProblem> problems) {
        boolean advertised = false;
        int n = 0;
        for (NeoConf.Line l : conf.lines()) {
            n++;
            if (!(l instanceof NeoConf.Setting s)) continue;
            String host = Addresses.host(s.value());
            if (Addresses.isAdvertised(s.key())) {
                advertised |= !host.isEmpty();
                if (!host.isEmpty() && !host.equals(t.address())) {
                    problems.add(new ConfProblem(Severity.ERROR, s.key(), n, s.key() + " advertises " + host
                            + ", but this server is " + t.address() + ": other members would reach the wrong host."));
                }
            } else if (Addresses.isListen(s.key()) && !host.isEmpty() && !Addresses.isWildcard(host)
                    && !Addresses.isLoopback(host) && !host.equals(t.address())) {
                problems.add(new ConfProblem(Severity.WARNING, s.key(), n, s.key() + " listens on " + host
                        + ", which is neither a wildcard, loopback nor this server's address " + t.address() + "."));
            }
        }
        if (!advertised && t.variant() == ConfVariant.FINAL) {
            problems.add(new ConfProblem(Severity.WARNING, "dbms.connectors.default_advertised_address", 0,
                    "No advertised address is set: it defaults to localhost, which other members cannot reach; set "
                            + "dbms.connectors.default_advertised_address=" + t.address() + "."));
        }
    }

    private static int lineOf(NeoConf conf, String key) {
        int found = 0;
        int n = 0;
        for (NeoConf.Line l : conf.lines()) {
            n++;
            if (l instanceof NeoConf.Setting s && s.key().equals(key)) found = n;
        }
        return found;
    }
}
