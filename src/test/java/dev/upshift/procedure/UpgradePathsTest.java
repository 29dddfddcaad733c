package dev.upshift.procedure;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

class UpgradePathsTest {

    private final UpgradePaths paths = UpgradePaths.standard();

    private List<Eligibility> eligibility(String source, String target) {
        return paths.eligibility(Neo4jVersion.parse(source), Neo4jVersion.parse(target));
    }

    @Test
    void aPatchReleaseWithTheSameStoreFormatOffersAllThreeMethods() {
        assertThat(eligibility("3.4.5", "3.4.6")).extracting(Eligibility::method, Eligibility::allowed, Eligibility::advisories)
                .containsExactly(
                        tuple(Method.ROLLING_FIXED, true, List.of()),
                        tuple(Method.ROLLING_REPLACEABLE, true, List.of()),
                        tuple(Method.OFFLINE, true, List.of()));
    }

    @Test
    void from335To346RollingIsRefusedForTheStoreFormatAndOfflineIsOffered() {
        List<Eligibility> e = eligibility("3.3.5", "3.4.6");
        assertThat(e).extracting(Eligibility::method, Eligibility::allowed, Eligibility::code).containsExactly(
                tuple(Method.ROLLING_FIXED, false, RefusalCode.ROLLING_STORE_FORMAT_CHANGE),
                tuple(Method.ROLLING_REPLACEABLE, false, RefusalCode.ROLLING_STORE_FORMAT_CHANGE),
                tuple(Method.OFFLINE, true, null));
        assertThat(e.get(0).reason()).isEqualTo("A rolling upgrade is supported only between patch releases, and only "
                + "when no store format upgrade is needed (Operations Manual 5.3.2, Limitations). 3.3.5 → 3.4.6 is not a "
                + "patch release and changes the store format (StandardV3_2[v0.A.8] → StandardV3_4[v0.A.9]). Measured: a "
                + "3.4 member cannot join a 3.3 cluster (the handshake fails: Missing member attribute 'member_database_name').");
        assertThat(e.get(0).route()).isEqualTo("Use the offline upgrade (5.3.3), which is always available.");
        assertThat(e.get(2).advisories()).hasSize(2);
        assertThat(e.get(2).advisories().get(0)).contains("latest release of its line", "3.3.9");
        assertThat(e.get(2).advisories().get(1)).contains("dbms.allow_upgrade=true", "verified after the upgrade");
    }

    @Test
    void aDowngradeIsRefusedForEveryMethodWithWhatARollbackMeans() {
        List<Eligibility> e = eligibility("3.4.6", "3.4.5");
        assertThat(e).extracting(Eligibility::allowed, Eligibility::code).containsOnly(tuple(false, RefusalCode.DOWNGRADE));
        assertThat(e.get(2).reason()).isEqualTo("Neo4j does not support downgrades; a failed upgrade means a full "
                + "rollback, including restoring the pre-upgrade backup (Operations Manual 5.3.1, Limitations). "
                + "3.4.6 → 3.4.5 is a downgrade.");
        assertThat(e.get(2).route()).contains("plan a rollback", "restore the database from the backup taken before the upgrade to 3.4.6");
    }

    @Test
    void theSameVersionIsRefusedWithoutARoute() {
        Eligibility e = paths.check(Neo4jVersion.parse("3.4.6"), Neo4jVersion.parse("3.4.6"), Method.OFFLINE);
        assertThat(e.code()).isEqualTo(RefusalCode.SAME_VERSION);
        assertThat(e.route()).isNull();
    }

    @Test
    void twoStoreFormatChangesAreRefusedWithTheRouteThroughTheLatest33() {
        Eligibility e = paths.check(Neo4jVersion.parse("3.1.9"), Neo4jVersion.parse("3.4.6"), Method.OFFLINE);
        assertThat(e.code()).isEqualTo(RefusalCode.UNSUPPORTED_PATH);
        assertThat(e.reason()).contains("StandardV3_0 → StandardV3_2 → StandardV3_4");
        assertThat(e.route()).isEqualTo("Upgrade to 3.3.latest (3.3.9) first, then to 3.4.6.");
        assertThatThrownBy(() -> paths.require(Neo4jVersion.parse("3.1.9"), Neo4jVersion.parse("3.4.6"), Method.OFFLINE))
                .isInstanceOfSatisfying(PlanRefusedException.class, x -> {
                    assertThat(x.code()).isEqualTo(RefusalCode.UNSUPPORTED_PATH);
                    assertThat(x.route()).isEqualTo(e.route());
                });
    }

    @Test
    void oneStoreFormatChangeIsAllowedOffline() {
        assertThat(paths.check(Neo4jVersion.parse("3.1.9"), Neo4jVersion.parse("3.3.9"), Method.OFFLINE).allowed()).isTrue();
        assertThat(paths.check(Neo4jVersion.parse("3.2.14"), Neo4jVersion.parse("3.4.6"), Method.OFFLINE).allowed()).isTrue();
    }

    @Test
    void version30HasNoCausalCluster() {
        Eligibility e = paths.check(Neo4jVersion.parse("3.0.12"), Neo4jVersion.parse("3.4.6"), Method.OFFLINE);
        assertThat(e.code()).isEqualTo(RefusalCode.NO_CAUSAL_CLUSTERING);
        assertThat(e.reason()).contains("3.0 has no Causal Clustering");
    }

    @Test
    void rollingAcrossLinesWithTheSameStoreFormatIsStillNotAPatchRelease() {
        Eligibility e = paths.check(Neo4jVersion.parse("3.2.14"), Neo4jVersion.parse("3.3.9"), Method.ROLLING_FIXED);
        assertThat(e.code()).isEqualTo(RefusalCode.ROLLING_NOT_PATCH_RELEASE);
        assertThat(e.reason()).contains("crosses release lines (3.2 → 3.3)");
    }

    @Test
    void releaseNotesThatRestrictRollingAreHonoured() {
        assertThat(paths.check(Neo4jVersion.parse("3.1.4"), Neo4jVersion.parse("3.1.8"), Method.ROLLING_FIXED).code())
                .isEqualTo(RefusalCode.ROLLING_BELOW_MINIMUM);
        assertThat(paths.check(Neo4jVersion.parse("3.1.5"), Neo4jVersion.parse("3.1.8"), Method.ROLLING_FIXED).allowed()).isTrue();
        assertThat(paths.check(Neo4jVersion.parse("3.1.4"), Neo4jVersion.parse("3.1.8"), Method.OFFLINE).allowed()).isTrue();
    }

    @Test
    void unknownReleasesAreRefused() {
        Eligibility e = paths.check(Neo4jVersion.parse("3.4.6"), Neo4jVersion.parse("3.5.0"), Method.OFFLINE);
        assertThat(e.code()).isEqualTo(RefusalCode.UNKNOWN_VERSION);
        assertThat(e.reason()).contains("3.5.0", "3.4.0–3.4.18");
    }

    @Test
    void methodsHaveTheirApiNames() {
        assertThat(Method.values()).extracting(Method::apiName).containsExactly("rolling-fixed", "rolling-replaceable", "offline");
        assertThat(Method.fromApiName("rolling-replaceable")).isEqualTo(Method.ROLLING_REPLACEABLE);
        assertThatThrownBy(() -> Method.fromApiName("rolling")).isInstanceOf(IllegalArgumentException.class);
    }
}
