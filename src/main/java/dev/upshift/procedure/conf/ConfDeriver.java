package dev.upshift.procedure.conf;

import dev.upshift.procedure.ConfVariant;
import dev.upshift.procedure.Method;
import dev.upshift.procedure.ServerRole;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Derives a server's new neo4j.conf for the target version from its current one (PRE_PREPARE_CONF).
 *
 * <p>The current file is the starting point, so every custom setting, comment and the order are carried over
 * (5.3.2.1 b: "carry every custom setting over"). On top of it: settings renamed in the target get the new name;
 * settings the target no longer has are commented out; deprecated ones are kept and flagged (5.3.1 advises against
 * configuration changes during the upgrade); {@code dbms.mode} is set for the server's role, or SINGLE in the offline
 * seed's upgrade conf; {@code dbms.allow_upgrade=true} only in that seed-upgrade conf and removed everywhere else;
 * a replacement's hosts move to its own address. Each change is flagged with its reason.
 */
public final class ConfDeriver {

    private final ConfFacts facts;

    public ConfDeriver(ConfFacts facts) {
        this.facts = facts;
    }

    public static ConfDeriver standard() {
        return new ConfDeriver(ConfFacts.standard());
    }

    /** Both confs a server needs for a method: FINAL always, SEED_UPGRADE too for the offline seed core. */
    public List<ConfVariant> variantsFor(Method method, boolean offlineSeed) {
        return method == Method.OFFLINE && offlineSeed ? List.of(ConfVariant.SEED_UPGRADE, ConfVariant.FINAL) : List.of(ConfVariant.FINAL);
    }

    static final String EXPECTED_CORES = FormationSize.EXPECTED_CORES;
    static final String AT_FORMATION = FormationSize.AT_FORMATION;
    static final String AT_RUNTIME = FormationSize.AT_RUNTIME;

    /**
     * A cluster size other than 3 is carried to the settings 3.4 forms by ({@link FormationSize}), or the cluster would
     * not form again after an offline upgrade; the deprecated key stays, as 5.3.1 asks.
     */
    private static NeoConf keepFormationSize(NeoConf conf, String line, List<ConfFlag> flags) {
        String size = conf.get(EXPECTED_CORES).orElse("3").trim();
        if (size.equals("3") || conf.contains(AT_FORMATION) || !size.matches("\\d+")) return conf;
        Map<String, String> settings = FormationSize.settings(Integer.parseInt(size));
        flags.add(new ConfFlag(ConfFlag.Kind.RENAMED, EXPECTED_CORES, EXPECTED_CORES + "=" + size + " is no longer read for "
                + "forming the cluster in " + line + ": " + AT_FORMATION + "=" + settings.get(AT_FORMATION) + " and "
                + AT_RUNTIME + "=" + settings.get(AT_RUNTIME) + " added so the cluster forms with the same number of cores "
                + "(3.4's default is 3)."));
        for (Map.Entry<String, String> e : settings.entrySet()) conf = conf.set(e.getKey(), e.getValue());
        return conf;
    }

    public DerivedConf derive(NeoConf current, ConfTarget t) {
        List<ConfFlag> flags = new ArrayList<>();
        NeoConf conf = current;

        for (ConfChange change : facts.changesBetween(t.source().line(), t.target().line())) {
            if (!conf.contains(change.key())) continue;
            switch (change.kind()) {
                case RENAMED -> {
                    conf = conf.rename(change.key(), change.replacement());
                    flags.add(new ConfFlag(ConfFlag.Kind.RENAMED, change.key(), change.key() + " is called "
                            + change.replacement() + " in " + change.line() + ": renamed, value kept (" + change.source() + ")."));
                }
                case DEPRECATED -> {
                    flags.add(new ConfFlag(ConfFlag.Kind.DEPRECATED, change.key(), change.key()
                            + " is deprecated in " + change.line() + " (use " + change.replacement() + "); kept as it is, since "
                            + "5.3.1 advises against configuration changes during the upgrade. Change it afterwards."));
                    if (change.key().equals(EXPECTED_CORES)) conf = keepFormationSize(conf, change.line(), flags);
                }
                case REMOVED -> {
                    conf = conf.commentOut(change.key(), "Upshift: not a " + change.line() + " setting"
                            + (change.replacement() == null ? "" : "; see " + change.replacement()));
                    flags.add(new ConfFlag(ConfFlag.Kind.REMOVED, change.key(), change.key() + " does not exist in "
                            + change.line() + ": commented out" + (change.replacement() == null ? "" : " (closest: "
                            + change.replacement() + ", not a 1:1 replacement)") + "."));
                }
            }
        }

        String mode = t.variant() == ConfVariant.SEED_UPGRADE ? "SINGLE" : t.role().dbmsMode();
        if (!mode.equals(conf.get("dbms.mode").orElse(null))) {
            conf = conf.set("dbms.mode", mode);
            flags.add(new ConfFlag(ConfFlag.Kind.MODE, "dbms.mode", t.variant() == ConfVariant.SEED_UPGRADE
                    ? "dbms.mode=SINGLE for the store upgrade on the seed core (5.3.3 2a); the final conf sets CORE again."
                    : "dbms.mode=" + mode + " for a " + roleName(t.role()) + "."));
        }

        if (t.variant() == ConfVariant.SEED_UPGRADE) {
            if (!"true".equals(conf.get("dbms.allow_upgrade").orElse(null))) {
                conf = conf.set("dbms.allow_upgrade", "true");
                flags.add(new ConfFlag(ConfFlag.Kind.ALLOW_UPGRADE, "dbms.allow_upgrade", "dbms.allow_upgrade=true: "
                        + "Neo4j does not upgrade the store without it (5.3.3 2b); the final conf removes it (2e)."));
            }
        } else {
            for (String key : List.of("dbms.allow_upgrade", "dbms.allow_format_migration")) {
                if (conf.contains(key)) {
                    conf = conf.remove(key);
                    flags.add(new ConfFlag(ConfFlag.Kind.ALLOW_UPGRADE, key, key + " removed: only the offline seed "
                            + "core's upgrade start needs it, and it is reset afterwards (5.3.3 2e)."));
                }
            }
        }

        if (t.previousAddress() != null && !t.previousAddress().equals(t.address())) {
            conf = moveHosts(conf, t.previousAddress(), t.address(), flags);
        }
        return new DerivedConf(conf, flags, ConfDiff.between(current, conf));
    }

    /** A replacement inherits the replaced member's conf: its own hosts must become the replacement's. */
    private static NeoConf moveHosts(NeoConf conf, String from, String to, List<ConfFlag> flags) {
        NeoConf result = conf;
        for (NeoConf.Setting s : conf.settings()) {
            boolean address = Addresses.isAdvertised(s.key()) || Addresses.isListen(s.key());
            if (address && Addresses.host(s.value()).equals(from)) {
                result = result.set(s.key(), Addresses.withHost(s.value(), to));
                flags.add(new ConfFlag(ConfFlag.Kind.ADDRESS, s.key(), s.key() + ": host " + from + " → " + to + "."));
            }
        }
        if (conf.getAll("dbms.jvm.additional").stream().anyMatch(v -> v.contains("=" + from))) {
            result = result.mapValues("dbms.jvm.additional", v -> v.replace("=" + from, "=" + to));
            flags.add(new ConfFlag(ConfFlag.Kind.ADDRESS, "dbms.jvm.additional", "dbms.jvm.additional: "
                    + from + " → " + to + " (e.g. -Dhazelcast.local.localAddress)."));
        }
        return result;
    }

    private static String roleName(ServerRole role) {
        return role.isCore() ? "core server" : "read replica";
    }
}
