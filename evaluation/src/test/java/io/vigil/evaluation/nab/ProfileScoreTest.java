package io.vigil.evaluation.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileScoreTest {
  private static final CostProfile STANDARD = new CostProfile("standard", 1.0, 0.11, 1.0);

  @Test
  void shouldNormaliseWithoutWindowsToNaN() {
    ProfileScore falseAlarmsOnly = new ProfileScore(STANDARD, 0.5, -0.33, 0.0, 0.0, 0, 0, 3);

    assertThat(falseAlarmsOnly.normalised()).isNaN();
  }

  @Test
  void shouldAddPartsUpSoThatEachWeighsByItsWindows() {
    ProfileScore big = new ProfileScore(STANDARD, 0.9, 6.0, -10.0, 10.0, 10, 8, 4);
    ProfileScore small = new ProfileScore(STANDARD, 0.8, -2.0, -2.0, 2.0, 2, 0, 1);
    ProfileScore none = new ProfileScore(STANDARD, 0.9, -0.5, 0.0, 0.0, 0, 0, 5);

    ProfileScore sum = ProfileScore.sum(List.of(big, small, none));

    assertThat(sum.raw()).isCloseTo(3.5, within(1e-12));
    assertThat(sum.nullScore()).isEqualTo(-12.0);
    assertThat(sum.perfect()).isEqualTo(12.0);
    assertThat(sum.windows()).isEqualTo(12);
    assertThat(sum.detectedWindows()).isEqualTo(8);
    assertThat(sum.falsePositives()).isEqualTo(10);
    assertThat(sum.normalised()).isCloseTo(100.0 * 15.5 / 24.0, within(1e-9));
    assertThat(sum.threshold()).isNaN();
    assertThat(ProfileScore.sum(List.of(big, none)).threshold()).isEqualTo(0.9);
  }

  @Test
  void shouldRefuseToAddDifferentProfiles() {
    ProfileScore standard = new ProfileScore(STANDARD, 0.9, 1.0, -1.0, 1.0, 1, 1, 0);
    CostProfile lowFp = new CostProfile("reward_low_FP_rate", 1.0, 0.22, 1.0);
    ProfileScore other = new ProfileScore(lowFp, 0.9, 1.0, -1.0, 1.0, 1, 1, 0);

    assertThatThrownBy(() -> ProfileScore.sum(List.of(standard, other)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot add reward_low_FP_rate to standard");
  }
}
