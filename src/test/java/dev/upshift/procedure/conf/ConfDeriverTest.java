package dev.upshift.procedure.conf;

import dev.upshift.procedure.ConfVariant;
import dev.upshift.procedure.Method;
import dev.upshift.procedure.ServerRole;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class ConfDeriverTest {

    private final ConfDeriver deriver = ConfDeriver.standard();
    private final NeoConf current = NeoConf.parse(Confs.CORE_335);

    @Test
    void from335To346TheFinalConfKeepsCustomSettingsAndFlagsTheTargetsChanges() {
        DerivedConf d = deriver.derive(current, ConfTarget.of("3.3.5", "3.4.6", ServerRole.FOLLOWER, "10.0.0.11", ConfVariant.FINAL));

        assertThat(d.flags()).extracting(ConfFlag::kind, ConfFlag::key).containsExactly(
                tuple(ConfFlag.Kind.RENAMED, "unsupported.dbms.security.auth_max_failed_attempts"),
                tuple(ConfFlag.Kind.DEPRECATED, "causal_clustering.expected_core_cluster_size"),
                tuple(ConfFlag.Kind.REMOVED, "unsupported.dbms.gc_monitor_threshold"));
        assertThat(d.conf().get("dbms.security.auth_max_failed_attempts")).contains("5");
        assertThat(d.conf().get("causal_clustering.expected_core_cluster_size")).contains("3");
        assertThat(d.conf().contains("unsupported.dbms.gc_monitor_threshold")).isFalse();
        assertThat(d.conf().get("dbms.memory.pagecache.size")).contains("32m");
        assertThat(d.diff().changes()).extracting(ConfDiff.DiffLine::unified).containsExactly(
                "-unsupported.dbms.gc_monitor_threshold=200ms",
                "-unsupported.dbms.security.auth_max_failed_attempts=5",
                "+# Upshift: not a 3.4 setting; see unsupported.vm_pause_monitor.stall_alert_threshold",
                "+#unsupported.dbms.gc_monitor_threshold=200ms",
                "+dbms.security.auth_max_failed_attempts=5");
    }

    @Test
    void theSeedsUpgradeConfIsSingleWithAllowUpgradeAndItsFinalConfIsCoreWithout() {
        DerivedConf upgrade = deriver.derive(current, ConfTarget.of("3.3.5", "3.4.6", ServerRole.FOLLOWER, "10.0.0.11", ConfVariant.SEED_UPGRADE));
        assertThat(upgrade.conf().get("dbms.mode")).contains("SINGLE");
        assertThat(upgrade.conf().get("dbms.allow_upgrade")).contains("true");
        assertThat(upgrade.flags()).extracting(ConfFlag::kind).endsWith(ConfFlag.Kind.MODE, ConfFlag.Kind.ALLOW_UPGRADE);

        DerivedConf fin = deriver.derive(upgrade.conf(), ConfTarget.of("3.4.6", "3.4.6", ServerRole.FOLLOWER, "10.0.0.11", ConfVariant.FINAL));
        assertThat(fin.conf().get("dbms.mode")).contains("CORE");
        assertThat(fin.conf().contains("dbms.allow_upgrade")).isFalse();
        assertThat(deriver.variantsFor(Method.OFFLINE, true)).containsExactly(ConfVariant.SEED_UPGRADE, ConfVariant.FINAL);
        assertThat(deriver.variantsFor(Method.ROLLING_FIXED, false)).containsExactly(ConfVariant.FINAL);
    }

    @Test
    void aPatchUpgradeChangesNothing() {
        NeoConf conf346 = deriver.derive(current, ConfTarget.of("3.3.5", "3.4.5", ServerRole.LEADER, "10.0.0.11", ConfVariant.FINAL)).conf();
        DerivedConf d = deriver.derive(conf346, ConfTarget.of("3.4.5", "3.4.6", ServerRole.LEADER, "10.0.0.11", ConfVariant.FINAL));
        assertThat(d.flags()).isEmpty();
        assertThat(d.diff().isEmpty()).isTrue();
        assertThat(d.conf()).isEqualTo(conf346);
    }

    @Test
    void aReadReplicaGetsItsModeAndAReplacementItsOwnHosts() {
        DerivedConf d = deriver.derive(current, ConfTarget.of("3.4.5", "3.4.6", ServerRole.READ_REPLICA, "10.0.1.21", ConfVariant.FINAL)
                .replacing("10.0.0.11"));
        assertThat(d.conf().get("dbms.mode")).contains("READ_REPLICA");
        assertThat(d.conf().get("dbms.connectors.default_advertised_address")).contains("10.0.1.21");
        assertThat(d.conf().get("dbms.backup.address")).contains("10.0.1.21:6362");
        assertThat(d.conf().get("causal_clustering.discovery_listen_address")).contains("10.0.1.21:5000");
        assertThat(d.conf().get("dbms.connectors.default_listen_address")).contains("0.0.0.0");
        assertThat(d.conf().getAll("dbms.jvm.additional")).containsExactly("-XX:+UseG1GC", "-Dhazelcast.local.localAddress=10.0.1.21");
        // The discovery members still name the existing cluster the replacement joins.
        assertThat(d.conf().get("causal_clustering.initial_discovery_members")).contains("10.0.0.11:5000,10.0.0.12:5000,10.0.0.13:5000");
        assertThat(d.flags()).filteredOn(f -> f.kind() == ConfFlag.Kind.ADDRESS).extracting(ConfFlag::key).containsExactly(
                "dbms.connectors.default_advertised_address", "dbms.backup.address",
                "causal_clustering.discovery_listen_address", "dbms.jvm.additional");
    }

    @Test
    void aClusterSizedOtherThanThreeKeepsItsFormationSizeOn34() {
        NeoConf twoCores = current.set(ConfDeriver.EXPECTED_CORES, "2");
        DerivedConf d = deriver.derive(twoCores, ConfTarget.of("3.3.5", "3.4.6", ServerRole.FOLLOWER, "10.0.0.11", ConfVariant.FINAL));
        assertThat(d.conf().get(ConfDeriver.AT_FORMATION)).contains("2");
        assertThat(d.conf().get(ConfDeriver.AT_RUNTIME)).contains("2");
        assertThat(d.conf().get(ConfDeriver.EXPECTED_CORES)).as("the deprecated key stays").contains("2");
        assertThat(d.flags()).anyMatch(f -> f.key().equals(ConfDeriver.EXPECTED_CORES) && f.message().contains("no longer read"));

        NeoConf fiveCores = current.set(ConfDeriver.EXPECTED_CORES, "5");
        DerivedConf five = deriver.derive(fiveCores, ConfTarget.of("3.3.5", "3.4.6", ServerRole.FOLLOWER, "10.0.0.11", ConfVariant.FINAL));
        assertThat(five.conf().get(ConfDeriver.AT_FORMATION)).contains("5");
        assertThat(five.conf().get(ConfDeriver.AT_RUNTIME)).contains("3");
    }

    @Test
    void withinThe34LineNothingIsAdded() {
        NeoConf twoCores = current.set(ConfDeriver.EXPECTED_CORES, "2");
        DerivedConf d = deriver.derive(twoCores, ConfTarget.of("3.4.5", "3.4.6", ServerRole.FOLLOWER, "10.0.0.11", ConfVariant.FINAL));
        assertThat(d.conf().contains(ConfDeriver.AT_FORMATION)).isFalse();
    }
}
