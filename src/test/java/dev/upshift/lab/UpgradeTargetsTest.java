package dev.upshift.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UpgradeTargetsTest {

    @Test
    void versionsCompareNumericallyNotAsText() {
        assertThat(UpgradeTargets.compare("3.4.10", "3.4.6")).isPositive();
        assertThat(UpgradeTargets.compare("3.4.6", "3.4.6")).isZero();
        assertThat(UpgradeTargets.compare("3.3.9", "3.4.0")).isNegative();
        assertThat(UpgradeTargets.compare("3.4", "3.4.0")).isZero();
    }
}
