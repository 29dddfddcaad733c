package dev.upshift.procedure.conf;

import dev.upshift.procedure.ConfVariant;
import dev.upshift.procedure.ServerRole;
import dev.upshift.procedure.conf.ConfProblem.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class ConfValidatorTest {

    private final ConfValidator validator = ConfValidator.standard();
    private final ConfDeriver deriver = ConfDeriver.standard();
    private static final ConfTarget CORE_1 = ConfTarget.of("3.3.5", "3.4.6", ServerRole.FOLLOWER, "10.0.0.11", ConfVariant.FINAL);

    private List<ConfProblem> validate(String text, ConfTarget t) {
        return validator.validate(NeoConf.parse(text), t);
    }

    @Test
    void theDerivedConfOfA335CoreIsAcceptableWithItsDeprecationWarned() {
        NeoConf derived = deriver.derive(NeoConf.parse(Confs.CORE_335), CORE_1).conf();
        List<ConfProblem> problems = validator.validate(derived, CORE_1);
        assertThat(problems).extracting(ConfProblem::severity, ConfProblem::key).containsExactly(
                tuple(Severity.WARNING, "causal_clustering.expected_core_cluster_size"));
        assertThat(ConfValidator.acceptable(problems)).isTrue();
    }

    @Test
    void theUnderivedConfIsNotAcceptableFor34() {
        List<ConfProblem> problems = validator.validate(NeoConf.parse(Confs.CORE_335), CORE_1);
        assertThat(problems).filteredOn(p -> p.severity() == Severity.ERROR).extracting(ConfProblem::key, ConfProblem::line)
                .containsExactly(tuple("unsupported.dbms.gc_monitor_threshold", 18),
                        tuple("unsupported.dbms.security.auth_max_failed_attempts", 19));
    }

    @Test
    void anObviousTypoIsAnErrorAnUnknownKeyAWarning() {
        String conf = "dbms.mode=CORE\ndbms.memory.pagecach.size=1g\napoc.export.file.enabled=true\n"
                + "causal_clustering.initial_discovery_members=10.0.0.11:5000\ndbms.connectors.default_advertised_address=10.0.0.11\n"
                + "dbms.ssl.policy.client.base_directory=certificates/client\ndbms.connector.bolt2.listen_address=:7688\n"
                + "causal_clustering.load_balancing.config.server_policies.default=groups(east)\n";
        assertThat(validate(conf, CORE_1)).extracting(ConfProblem::severity, ConfProblem::key, ConfProblem::line).containsExactly(
                tuple(Severity.ERROR, "dbms.memory.pagecach.size", 2),
                tuple(Severity.WARNING, "apoc.export.file.enabled", 3));
        assertThat(validate(conf, CORE_1).get(0).message()).endsWith("did you mean dbms.memory.pagecache.size?");
    }

    @Test
    void theModeMustMatchTheRole() {
        String base = "causal_clustering.initial_discovery_members=a:5000\ndbms.connectors.default_advertised_address=10.0.0.21\n";
        ConfTarget rr = ConfTarget.of("3.4.5", "3.4.6", ServerRole.READ_REPLICA, "10.0.0.21", ConfVariant.FINAL);
        assertThat(validate(base + "dbms.mode=CORE\n", rr)).extracting(ConfProblem::severity, ConfProblem::key, ConfProblem::message)
                .containsExactly(tuple(Severity.ERROR, "dbms.mode",
                        "dbms.mode must be READ_REPLICA (is CORE): this server is a read replica."));
        assertThat(validate(base, rr)).extracting(ConfProblem::message).containsExactly(
                "dbms.mode must be READ_REPLICA (is not set): this server is a read replica, and without dbms.mode Neo4j starts as SINGLE.");
        assertThat(validate(base + "dbms.mode=READ_REPLICA\n", rr)).isEmpty();
    }

    @Test
    void allowUpgradeOnlyInTheSeedsUpgradeConf() {
        String base = "causal_clustering.initial_discovery_members=a:5000\ndbms.connectors.default_advertised_address=10.0.0.11\n";
        ConfTarget seed = ConfTarget.of("3.3.5", "3.4.6", ServerRole.FOLLOWER, "10.0.0.11", ConfVariant.SEED_UPGRADE);
        assertThat(validate(base + "dbms.mode=SINGLE\ndbms.allow_upgrade=true\n", seed)).isEmpty();
        assertThat(validate(base + "dbms.mode=SINGLE\n", seed)).extracting(ConfProblem::key).containsExactly("dbms.allow_upgrade");
        assertThat(validate(base + "dbms.mode=CORE\ndbms.allow_upgrade=true\n", CORE_1))
                .extracting(ConfProblem::severity, ConfProblem::key, ConfProblem::line)
                .containsExactly(tuple(Severity.ERROR, "dbms.allow_upgrade", 4));
    }

    @Test
    void addressesMustBeTheServers() {
        String conf = "dbms.mode=CORE\ncausal_clustering.initial_discovery_members=a:5000\n"
                + "dbms.connectors.default_advertised_address=10.0.0.12\n"
                + "causal_clustering.raft_listen_address=10.0.0.99:7000\n"
                + "causal_clustering.transaction_listen_address=127.0.0.1:6000\n";
        assertThat(validate(conf, CORE_1)).extracting(ConfProblem::severity, ConfProblem::key).containsExactly(
                tuple(Severity.ERROR, "dbms.connectors.default_advertised_address"),
                tuple(Severity.WARNING, "causal_clustering.raft_listen_address"));
        assertThat(validate("dbms.mode=CORE\ncausal_clustering.initial_discovery_members=a:5000\n", CORE_1))
                .extracting(ConfProblem::severity, ConfProblem::key)
                .containsExactly(tuple(Severity.WARNING, "dbms.connectors.default_advertised_address"));
    }

    @Test
    void repeatsAndBrokenLines() {
        String conf = "dbms.mode=CORE\ndbms.mode=CORE\ncausal_clustering.initial_discovery_members=a:5000\n"
                + "dbms.connectors.default_advertised_address=10.0.0.11\ndbms.jvm.additional=-Xss2m\ndbms.jvm.additional=-XX:+UseG1GC\n"
                + "garbage line\n";
        assertThat(validate(conf, CORE_1)).extracting(ConfProblem::severity, ConfProblem::line).containsExactly(
                tuple(Severity.WARNING, 2), tuple(Severity.ERROR, 7));
        assertThat(validate("dbms.mode=CORE\n", CORE_1)).extracting(ConfProblem::key)
                .contains("causal_clustering.initial_discovery_members");
    }

    @Test
    void aLineWithoutAKnownKeysListIsSaidSo() {
        ConfTarget t = ConfTarget.of("3.1.5", "3.2.14", ServerRole.FOLLOWER, "10.0.0.11", ConfVariant.FINAL);
        assertThat(validate("dbms.mode=CORE\ncausal_clustering.initial_discovery_members=a:5000\n"
                + "dbms.connectors.default_advertised_address=10.0.0.11\nwhatever.key=1\n", t))
                .extracting(ConfProblem::severity).containsExactly(Severity.INFO);
    }
}
