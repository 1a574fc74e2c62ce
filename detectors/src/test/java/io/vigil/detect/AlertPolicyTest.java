package io.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertPolicyTest {
  private final AlertPolicy policy = AlertPolicy.defaults();

  @Test
  void shouldNotAlertBelowThreshold() {
    assertThat(policy.evaluate(assessment(0.9999, 100, false))).isEmpty();
  }

  @Test
  void shouldNotAlertWhileDetectorWarmsUp() {
    assertThat(policy.evaluate(assessment(1.0, 100, true))).isEmpty();
  }

  @Test
  void shouldNotAlertBeforePolicyWarmup() {
    assertThat(policy.evaluate(assessment(1.0, AlertPolicy.DEFAULT_WARMUP - 1, false))).isEmpty();
  }

  @Test
  void shouldGradeSeverityByBands() {
    assertThat(policy.evaluate(assessment(0.99999, 100, false))).contains(AlertLevel.LOW);
    assertThat(policy.evaluate(assessment(0.999_999, 100, false))).contains(AlertLevel.MEDIUM);
    assertThat(policy.evaluate(assessment(0.999_999_9, 100, false))).contains(AlertLevel.HIGH);
    assertThat(policy.evaluate(assessment(1.0, 100, false))).contains(AlertLevel.CRITICAL);
  }

  @Test
  void shouldRejectBandsOutOfOrder() {
    assertThatThrownBy(() -> new SeverityBands(0.9999, 0.999, 0.99999))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("medium <= high <= critical");
  }

  @Test
  void shouldRejectThresholdOutsideUnitInterval() {
    assertThatThrownBy(() -> new AlertPolicy(1.5, 10, SeverityBands.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Assessment assessment(double score, long observations, boolean warmingUp) {
    return new Assessment(
        0.0,
        score,
        Map.of("value", new ExpectedBand(1.0, 0.0, 2.0)),
        Map.of("value", 1.0),
        observations,
        warmingUp,
        "ewma");
  }
}
